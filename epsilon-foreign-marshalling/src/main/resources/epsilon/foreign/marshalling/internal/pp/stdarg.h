/* stdarg.h for Epsilon Foreign's C front end (C17 7.16). The argument list type and the operations on it are
 * the compiler builtins every GCC-compatible compiler has.
 *
 * A C library header that only needs the type under its reserved name defines __need___va_list first: then only
 * __gnuc_va_list is given (and __GNUC_VA_LIST says so). */

#ifndef __GNUC_VA_LIST
# define __GNUC_VA_LIST 1
typedef __builtin_va_list __gnuc_va_list;
#endif

#ifndef __need___va_list
# ifndef __EPSILON_STDARG_H
#  define __EPSILON_STDARG_H 1
typedef __gnuc_va_list va_list;
#  define va_start(list, last) __builtin_va_start(list, last)
#  define va_arg(list, type) __builtin_va_arg(list, type)
#  define va_end(list) __builtin_va_end(list)
#  define va_copy(to, from) __builtin_va_copy(to, from)
#  define __va_copy(to, from) __builtin_va_copy(to, from)
# endif
#endif

#undef __need___va_list
