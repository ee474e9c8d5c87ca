@echo off
rem ntm: tao thu muc du-lieu cho xa minh (hoi ten xa, ten tinh).
rem Tu do cac tep .bat khac lam viec voi du-lieu thay cho vi-du.
setlocal
cd /d "%~dp0"
if exist "du-lieu\commune.yaml" (
  echo Thu muc du-lieu da co. Muon lam lai tu dau: doi ten hoac xoa thu muc du-lieu.
) else (
  "%~dp0ntm.exe" init du-lieu
)
echo.
if not defined NTM_KHONG_CHO pause
