@echo off
rem ntm: ghi mau phieu khao sat ho gia dinh (.xlsx) cua tung thon.
rem Bam dup de chay voi thu muc du-lieu (hoac vi-du khi chua co du-lieu);
rem keo tha mot thu muc du lieu khac vao tep nay de chay voi thu muc do.
setlocal
cd /d "%~dp0"
set "DU_LIEU=%~1"
if not defined DU_LIEU if exist "du-lieu\commune.yaml" set "DU_LIEU=du-lieu"
if not defined DU_LIEU set "DU_LIEU=vi-du"
"%~dp0ntm.exe" forms --workspace "%DU_LIEU%" --output "%DU_LIEU%-ket-qua"
echo.
echo Mau phieu: thu muc %DU_LIEU%-ket-qua\forms
if not defined NTM_KHONG_CHO pause
