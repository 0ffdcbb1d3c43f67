// Only a stand-in for libFuzzer's callback: the header declares a function of
// libclang_rt.fuzzer (-sanitize=fuzzer).
#include "CLibFuzzer.h"
#include <stdio.h>
#include <stdlib.h>

// A debug build (make fuzz-smoke) renames each executable's `main` (SwiftPM does, so that tests
// could link the module) and defines `main` again when linking (--defsym); by then the linker
// has taken libFuzzer's own main from its archive, and that main needs this function. It is
// never called: the target's @main calls LLVMFuzzerRunDriver with its Swift function.
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  (void)data;
  (void)size;
  fputs("LLVMFuzzerTestOneInput called: libFuzzer's main ran instead of the target's @main\n",
        stderr);
  abort();
}
