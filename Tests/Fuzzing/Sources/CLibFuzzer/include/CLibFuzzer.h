// libFuzzer's entry point for programs that have a main of their own (SwiftPM's executables
// do: it names the module's @main as the program's main when it links).
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv,
                        int (*test_one_input)(const uint8_t *data, size_t size));
