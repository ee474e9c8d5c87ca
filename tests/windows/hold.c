/* For the Wine tests only (tests/windows.rs): holds a file open the way a
 * PDF reader does on Windows (others may read it, none may delete or
 * replace it), says "held" on its output, and lets go when its input ends,
 * so the test knows when the file is held without waiting on a clock. */
#include <windows.h>
#include <stdio.h>

int wmain(int argc, wchar_t **argv)
{
    if (argc != 2)
        return 2;
    HANDLE file = CreateFileW(argv[1], GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    if (file == INVALID_HANDLE_VALUE) {
        printf("error %lu\n", GetLastError());
        return 1;
    }
    printf("held\n");
    fflush(stdout);
    char c;
    while (fread(&c, 1, 1, stdin) == 1) {
    }
    CloseHandle(file);
    return 0;
}
