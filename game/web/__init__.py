"""Playing in a web browser: `corridor serve` runs the terminal game behind textual-serve.

`address` checks where the server may listen, `server` is the web server (one game process per
browser tab), `tab` is the process each tab runs. Nothing here changes the game itself.
"""
