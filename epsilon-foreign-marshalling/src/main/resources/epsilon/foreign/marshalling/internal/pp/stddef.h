/* stddef.h for Epsilon Foreign's C front end (C17 7.19), written on the predefined macros.
 *
 * C library headers ask for single definitions by defining __need_size_t, __need_ptrdiff_t, __need_wchar_t,
 * __need_wint_t or __need_NULL before including this file: then only those are given, and the requests are
 * withdrawn at the end. Without a request everything C17 puts here is given. */

#if !defined __need_size_t && !defined __need_ptrdiff_t && !defined __need_wchar_t && !defined __need_wint_t \
    && !defined __need_NULL
# define __EPSILON_STDDEF_EVERYTHING 1
#endif

#if (defined __EPSILON_STDDEF_EVERYTHING || defined __need_size_t) && !defined __EPSILON_SIZE_T
# define __EPSILON_SIZE_T 1
typedef __SIZE_TYPE__ size_t;
#endif

#if (defined __EPSILON_STDDEF_EVERYTHING || defined __need_ptrdiff_t) && !defined __EPSILON_PTRDIFF_T
# define __EPSILON_PTRDIFF_T 1
typedef __PTRDIFF_TYPE__ ptrdiff_t;
#endif

#if (defined __EPSILON_STDDEF_EVERYTHING || defined __need_wchar_t) && !defined __EPSILON_WCHAR_T
# define __EPSILON_WCHAR_T 1
typedef __WCHAR_TYPE__ wchar_t;
#endif

/* wint_t is not stddef.h's in C, but glibc may ask for it here; _WINT_T tells glibc's own
 * bits/types/wint_t.h that it exists already. */
#if defined __need_wint_t && !defined _WINT_T
# define _WINT_T 1
typedef __WINT_TYPE__ wint_t;
#endif

#if defined __EPSILON_STDDEF_EVERYTHING || defined __need_NULL
# undef NULL
# define NULL ((void *)0)
#endif

#if defined __EPSILON_STDDEF_EVERYTHING && !defined __EPSILON_STDDEF_H
# define __EPSILON_STDDEF_H 1
# define offsetof(type, member) __builtin_offsetof(type, member)
/* The most strictly aligned scalar types, each at its own alignment: the alignment of this struct is
 * the fundamental alignment C11 asks max_align_t to have. */
typedef struct {
    long long __max_align_ll __attribute__((__aligned__(__alignof__(long long))));
    long double __max_align_ld __attribute__((__aligned__(__alignof__(long double))));
} max_align_t;
#endif

#undef __EPSILON_STDDEF_EVERYTHING
#undef __need_size_t
#undef __need_ptrdiff_t
#undef __need_wchar_t
#undef __need_wint_t
#undef __need_NULL
