"""UI pieces that are neither screens nor widgets: wording of figures (`format`), map symbols
(`glyphs`) and drawing (`mapdraw`), the title card, themes, messages and the command palette."""
