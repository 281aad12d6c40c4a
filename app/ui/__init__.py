"""The PySide6 user interface: thin pages over app.core and app.documents."""
