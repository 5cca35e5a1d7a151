/* stdnoreturn.h for Epsilon Foreign's C front end (C17 7.23). */
#ifndef __EPSILON_STDNORETURN_H
#define __EPSILON_STDNORETURN_H 1

#define noreturn _Noreturn

#endif
