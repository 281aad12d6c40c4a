"""PDF documents drawn with reportlab: the acknowledgement, consent forms, shared fonts and styles.

No Qt here. Importing the package stays cheap: modules load reportlab when used, pyHanko
only while signature fields are added.
"""
