@echo off
rem ntm: kiem tra du lieu, dan trang cac van ban thanh PDF va vao so dang ky.
rem Bam dup de chay voi thu muc du-lieu (hoac vi-du khi chua co du-lieu);
rem keo tha mot thu muc du lieu khac vao tep nay de chay voi thu muc do.
rem Muon in bang phong Times New Roman cua Windows: xoa chu "rem " o dong duoi.
rem set NTM_FONT_PATH=%WINDIR%\Fonts
setlocal
cd /d "%~dp0"
set "DU_LIEU=%~1"
if not defined DU_LIEU if exist "du-lieu\commune.yaml" set "DU_LIEU=du-lieu"
if not defined DU_LIEU set "DU_LIEU=vi-du"
"%~dp0ntm.exe" build --workspace "%DU_LIEU%" --output "%DU_LIEU%-ket-qua"
echo.
echo Van ban PDF: thu muc %DU_LIEU%-ket-qua
if not defined NTM_KHONG_CHO pause
