"""Re-simulating saved games: what a save records of a game (`recording`), replaying a save
through the engine (`resimulate`) and saying what differs when a hash does not match
(`desync`), checking every turn's hash headless (`verify`), and the conservation audit that
witnesses each turn (`audit`). The save file format itself lives in `game.saves`, which imports
no engine code.
"""
