/* stdalign.h for Epsilon Foreign's C front end (C17 7.15): the lower-case spellings of the keywords. */
#ifndef __EPSILON_STDALIGN_H
#define __EPSILON_STDALIGN_H 1

#define alignas _Alignas
#define alignof _Alignof
#define __alignas_is_defined 1
#define __alignof_is_defined 1

#endif
