; Inno Setup script: installs the one-folder build per user (no administrator rights needed
; on an office laptop). The AppId must never change, or upgrades install side by side.
#define AppVersion "0.1.0"

[Setup]
AppId={{6F1C2B1E-6C2F-4C55-9B64-4A1D2E7F0B21}
AppName=Koordynator
AppVersion={#AppVersion}
AppPublisher=Koordynator
DefaultDirName={localappdata}\Programs\Koordynator
DefaultGroupName=Koordynator
PrivilegesRequired=lowest
OutputBaseFilename=Koordynator-{#AppVersion}-instalator
Compression=lzma2
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "polish"; MessagesFile: "compiler:Languages\Polish.isl"

[Files]
Source: "..\dist\Koordynator\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion

[Icons]
Name: "{group}\Koordynator"; Filename: "{app}\Koordynator.exe"
Name: "{group}\Koordynator (dane demonstracyjne)"; Filename: "{app}\Koordynator.exe"; Parameters: "--demo"
Name: "{userdesktop}\Koordynator"; Filename: "{app}\Koordynator.exe"

[Run]
Filename: "{app}\Koordynator.exe"; Parameters: "--smoke"; Flags: runhidden waituntilterminated; StatusMsg: "Sprawdzanie instalacji…"
