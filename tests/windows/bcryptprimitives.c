/* For the Wine tests only (tests/windows.rs), never shipped: Rust's standard
 * library asks bcryptprimitives.dll for ProcessPrng, which Windows 10 and 11
 * have and Wine 8.0 lacks. This stand-in answers from RtlGenRandom
 * (SystemFunction036 of advapi32), which Wine has. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG part = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, part))
            return FALSE;
        data += part;
        length -= part;
    }
    return TRUE;
}
