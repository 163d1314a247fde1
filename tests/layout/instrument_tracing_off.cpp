// instrument_only.cpp built with tracing switched off, for a program that links it beside a
// set-up file built with the defaults: the mismatch must be reported, once.
#define VIGIL_TRACING 0
#include "instrument_only.cpp"
