/* For the Wine tests only (tests/windows.rs).
 *
 *   hold.exe FILE         holds FILE open the way a PDF reader does on
 *                         Windows: others may read it, none may delete or
 *                         replace it;
 *   hold.exe --lock FILE  takes the lock ntm takes on its output folder's
 *                         .ntm-lock (LockFileEx, exclusive, the whole file,
 *                         as Rust's File::lock does), as a second ntm.exe
 *                         at work would.
 *
 * Says "held" on its output, and lets go when its input ends: the test
 * knows when the file is held without waiting on a clock. */
#include <windows.h>
#include <stdio.h>
#include <string.h>

int wmain(int argc, wchar_t **argv)
{
    int lock = argc == 3 && wcscmp(argv[1], L"--lock") == 0;
    if (argc != 2 && !lock)
        return 2;
    const wchar_t *path = argv[argc - 1];
    HANDLE file = lock
        ? CreateFileW(path, GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                      NULL, OPEN_ALWAYS, 0, NULL)
        : CreateFileW(path, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    if (file == INVALID_HANDLE_VALUE) {
        printf("error %lu\n", GetLastError());
        return 1;
    }
    if (lock) {
        OVERLAPPED at;
        memset(&at, 0, sizeof at);
        if (!LockFileEx(file, LOCKFILE_EXCLUSIVE_LOCK, 0, MAXDWORD, MAXDWORD, &at)) {
            printf("error %lu\n", GetLastError());
            return 1;
        }
    }
    printf("held\n");
    fflush(stdout);
    char c;
    while (fread(&c, 1, 1, stdin) == 1) {
    }
    CloseHandle(file);
    return 0;
}
