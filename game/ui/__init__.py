"""The Textual game: title, map, panels, order dialogs, turn and end reports.

Only `game.commands.play`, `game.commands.load` and `game.commands.replay` import this package.
The UI reads scenario, state and events and drives the game through `game.app.session.GameSession`;
it holds no game rules. Modules import Textual widgets and the engine lazily where they can, so
that the title screen comes up fast.
"""
