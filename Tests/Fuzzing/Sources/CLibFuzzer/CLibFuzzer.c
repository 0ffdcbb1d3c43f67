// Nothing to compile: the header declares a function of libclang_rt.fuzzer (-sanitize=fuzzer).
#include "CLibFuzzer.h"
