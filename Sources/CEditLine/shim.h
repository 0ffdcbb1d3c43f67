// Fixed-arity wrappers over libedit's variadic el_set/el_get/history, for Swift.
#ifndef ARAZZO_CEDITLINE_SHIM_H
#define ARAZZO_CEDITLINE_SHIM_H
#include <stdio.h>
#include <histedit.h>
#endif
