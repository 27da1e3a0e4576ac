// fontconfig 2.14 loses a few bytes parsing its configuration, once per process. Not ours:
// sanitizer builds tell LeakSanitizer to ignore blocks allocated inside fontconfig (the fast
// unwinder sees no further up the stack). Our code calls no fontconfig function itself; Pango
// does. Compiled into every test program that draws text (forms, slips, the form routes).
extern "C" const char* __lsan_default_suppressions() { return "leak:libfontconfig.so\n"; }
