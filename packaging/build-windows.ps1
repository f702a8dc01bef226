# Builds dist\Koordynator (one folder) and the installer. Run from the repository root in
# PowerShell on Windows with Python 3.12+ (PySide6 6.12.0 crashes on 3.11) and Inno Setup 6 installed.
$ErrorActionPreference = "Stop"
py -3.12 -m venv .venv-build
.venv-build\Scripts\pip install . pyinstaller
.venv-build\Scripts\pyinstaller --noconfirm packaging\koordynator.spec
# The installed program must start and show its data before we ship it.
$env:QT_QPA_PLATFORM = "offscreen"
dist\Koordynator\Koordynator.exe --smoke --demo
if ($LASTEXITCODE -ne 0) { throw "smoke test of the build failed" }
& "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe" packaging\koordynator.iss
