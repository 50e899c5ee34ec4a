"""What every reader of the codecs shares: bounds on hostile input.

``archive_guard`` checks a zip archive (an .xlsx, a .docx) and scans its XML before any
parser opens it; ``limits`` bounds JSON depth and table width and size. The practices' file
reader uses the archive guard too.
"""
