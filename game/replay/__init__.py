"""Re-simulating saved games: replaying a save through the engine (`resimulate`), checking
every turn's hash headless (`verify`), and the conservation audit that witnesses each turn
(`audit`). The save file format itself lives in `game.saves`, which imports no engine code.
"""
