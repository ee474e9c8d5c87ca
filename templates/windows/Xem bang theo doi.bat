@echo off
rem ntm: mo bang theo doi (trang web) trong trinh duyet.
rem Bang duoc viet lai moi lan chay "Phat hanh van ban.bat".
setlocal
cd /d "%~dp0"
set "DU_LIEU=%~1"
if not defined DU_LIEU if exist "du-lieu\commune.yaml" set "DU_LIEU=du-lieu"
if not defined DU_LIEU set "DU_LIEU=vi-du"
if exist "%DU_LIEU%-ket-qua\bang-theo-doi\index.html" (
  start "" "%DU_LIEU%-ket-qua\bang-theo-doi\index.html"
) else (
  "%~dp0ntm.exe" dashboard --workspace "%DU_LIEU%" --output "%DU_LIEU%-ket-qua"
  if exist "%DU_LIEU%-ket-qua\bang-theo-doi\index.html" start "" "%DU_LIEU%-ket-qua\bang-theo-doi\index.html"
  if not defined NTM_KHONG_CHO pause
)
