# The Windows installer: the frozen program (packaging/build.py builds and checks it) wrapped
# by Inno Setup. Run from the repository root in PowerShell on Windows with Python 3.12 or
# newer (PySide6 6.12 crashes on 3.11) and Inno Setup 6 installed.
$ErrorActionPreference = "Stop"
py -3.12 -m venv .venv-build
.venv-build\Scripts\pip install . "pyinstaller>=6.10"
# builds dist\Koordynator and runs koordynator.exe --smoke and koordynator-admin.exe check
.venv-build\Scripts\python packaging\build.py
if ($LASTEXITCODE -ne 0) { throw "the frozen program failed its checks" }
& "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe" packaging\koordynator.iss
if ($LASTEXITCODE -ne 0) { throw "Inno Setup failed" }
