// vigil/trace/throw_hook.hpp — opt-in: remembers every exception thrown in the program so
// that spans left by it carry exception.type and exception.message.
//
// Include it in at least one translation unit of the executable (more is harmless: the
// definition is weak). It interposes __cxa_throw, the Itanium C++ ABI entry of every
// `throw` (GCC and Clang on Linux), copies the type name and what() into a thread-local
// slot, then calls the C++ runtime's own __cxa_throw. Throws inside shared libraries that
// were linked with -Bsymbolic are not seen. Cost: one copy of what() per throw.
// Thread-safety: the slot is thread-local.
#pragma once

#include <cxxabi.h>
#include <dlfcn.h>

#include <cstdio>
#include <cstring>
#include <exception>
#include <typeinfo>

#include "vigil/trace/throw_info.hpp"

#if defined(__GLIBCXX__)

namespace __cxxabiv1 {
// The runtime's signature, as <cxxabi.h> declares it.
extern "C" __attribute__((weak, noreturn)) void __cxa_throw(void* object, std::type_info* type,
                                                            void (*destroy)(void*)) {
  using Throw = void (*)(void*, std::type_info*, void (*)(void*));
  static const Throw real = reinterpret_cast<Throw>(dlsym(RTLD_NEXT, "__cxa_throw"));
  auto& slot = ::vigil::detail::t_last_throw;
  std::snprintf(slot.type, sizeof slot.type, "%s", type->name());
  void* adjusted = object;
  // __do_catch answers "would `catch (const std::exception&)` take it?" and adjusts the
  // pointer to the std::exception base.
  slot.has_message = typeid(std::exception).__do_catch(type, &adjusted, 1);
  if (slot.has_message) {
    std::snprintf(slot.message, sizeof slot.message, "%s",
                  static_cast<const std::exception*>(adjusted)->what());
  }
  ++slot.throws;
  real(object, type, destroy);
  __builtin_unreachable();
}
}  // namespace __cxxabiv1

#endif
