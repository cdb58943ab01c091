# Signs Windows executables with the release certificate (Authenticode, SHA-256, timestamped).
# Used by .github/workflows/release.yml only when the certificate secrets are configured.
#   $env:WINDOWS_CERT_PFX_BASE64  the .pfx file, base64-encoded
#   $env:WINDOWS_CERT_PASSWORD    its password
# Usage: pwsh installer/windows/sign.ps1 FILE...
param([Parameter(Mandatory = $true, ValueFromRemainingArguments = $true)][string[]]$Files)
$ErrorActionPreference = 'Stop'

$pfx = Join-Path $env:RUNNER_TEMP 'hydra-signing.pfx'
[IO.File]::WriteAllBytes($pfx, [Convert]::FromBase64String($env:WINDOWS_CERT_PFX_BASE64))
try {
    $signtool = Get-ChildItem "${env:ProgramFiles(x86)}\Windows Kits\10\bin\*\x64\signtool.exe" |
        Sort-Object FullName -Descending | Select-Object -First 1
    if (-not $signtool) { throw 'signtool.exe not found (Windows SDK)' }
    foreach ($file in $Files) {
        & $signtool.FullName sign /f $pfx /p $env:WINDOWS_CERT_PASSWORD /fd SHA256 `
            /tr http://timestamp.digicert.com /td SHA256 /d Hydra $file
        if ($LASTEXITCODE -ne 0) { throw "signtool failed for $file" }
    }
} finally {
    Remove-Item $pfx -Force
}
