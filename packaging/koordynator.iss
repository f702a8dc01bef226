; Inno Setup script: installs the one-folder build (dist\Koordynator, made and checked by
; packaging\build.py) per user, with no administrator rights (an office laptop), into
; %LOCALAPPDATA%\Programs\Koordynator. The AppId must never change, or an upgrade would
; install side by side.
;
; The data folder (the database, its key file, backups, logs: platformdirs' user data
; folder, %LOCALAPPDATA%\Koordynator) is never touched: the installer writes only {app},
; and the uninstaller removes only what it installed. There is deliberately no
; [UninstallDelete] section: a KIPUS who uninstalls to reinstall must find her records.
#define AppVersion "0.1.0"

[Setup]
AppId={{6F1C2B1E-6C2F-4C55-9B64-4A1D2E7F0B21}
AppName=Koordynator
AppVersion={#AppVersion}
AppPublisher=Koordynator
DefaultDirName={localappdata}\Programs\Koordynator
DefaultGroupName=Koordynator
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
OutputDir=..\dist
OutputBaseFilename=Koordynator-{#AppVersion}-instalator
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
UninstallDisplayIcon={app}\koordynator.exe
UninstallDisplayName=Koordynator
; the program must be closed before files are replaced: its database lock would otherwise
; outlive the upgrade
CloseApplications=yes

[Languages]
Name: "polish"; MessagesFile: "compiler:Languages\Polish.isl"

[Tasks]
Name: "desktopicon"; Description: "Skrót na pulpicie"; GroupDescription: "Skróty:"

[Files]
Source: "..\dist\Koordynator\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion createallsubdirs

[Icons]
Name: "{group}\Koordynator"; Filename: "{app}\koordynator.exe"
Name: "{group}\Koordynator – dane demonstracyjne (do nauki)"; Filename: "{app}\koordynator.exe"; Parameters: "--demo"
Name: "{group}\Odinstaluj Koordynatora (dane zostają)"; Filename: "{uninstallexe}"
Name: "{userdesktop}\Koordynator"; Filename: "{app}\koordynator.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\koordynator.exe"; Description: "Uruchom Koordynatora"; Flags: nowait postinstall skipifsilent


[Messages]
polish.ConfirmUninstall=Czy na pewno usunąć program %1? Dane (baza, kopie zapasowe) zostaną na dysku i będą dostępne po ponownej instalacji.
