@echo off
rem The installed app's command line: the app's own executable runs the command headless
rem (it has no Node of its own: the RunAsNode fuse is off). Installed beside the executable.
"%~dp0IOM Cohort Expansion Workbench.exe" --cli %*
exit /b %ERRORLEVEL%
