; Inno Setup script for Induct on Windows. Build the bundle on Windows first
; (`pyinstaller --noconfirm packaging\induct.spec`), then compile this script with
; Inno Setup 6 (`iscc packaging\windows\induct.iss`). See packaging/README.md.

#define AppName "Induct"
#define AppVersion "0.1.0"
#define AppPublisher "The Induct developers"

[Setup]
AppId={{6F1E6C2A-3B8D-4C5E-9A77-2D1B5E0F4A10}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher={#AppPublisher}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
; Volunteers install on their own laptops: no administrator rights needed.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
OutputDir=..\..\dist
OutputBaseFilename=Induct-{#AppVersion}-setup
SetupIconFile=induct.ico
UninstallDisplayIcon={app}\induct.exe
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ArchitecturesInstallIn64BitMode=x64compatible

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "..\..\dist\induct\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\induct.exe"
Name: "{group}\Uninstall {#AppName}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\induct.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\induct.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
