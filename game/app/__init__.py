"""The application layer between the UI/CLI and the engine: a game in progress (`session`),
the campaign read against its no-intervention baseline (`campaign`), what an order is expected
to do before it is given (`preview`), and saves of headless games (`headless`).

Imports go one way: ui/cli -> app -> replay/saves -> engine -> scenario; nothing here imports ui.
"""
