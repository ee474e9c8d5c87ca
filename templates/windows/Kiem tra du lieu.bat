@echo off
rem ntm: kiem tra du lieu va cac van ban, khong ghi tep nao.
rem Bam dup de chay voi thu muc du-lieu (hoac vi-du khi chua co du-lieu);
rem keo tha mot thu muc du lieu khac vao tep nay de chay voi thu muc do.
setlocal
cd /d "%~dp0"
set "DU_LIEU=%~1"
if not defined DU_LIEU if exist "du-lieu\commune.yaml" set "DU_LIEU=du-lieu"
if not defined DU_LIEU set "DU_LIEU=vi-du"
"%~dp0ntm.exe" check --workspace "%DU_LIEU%" --output "%DU_LIEU%-ket-qua"
echo.
if not defined NTM_KHONG_CHO pause
