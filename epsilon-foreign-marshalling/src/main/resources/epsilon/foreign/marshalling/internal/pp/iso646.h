/* iso646.h for Epsilon Foreign's C front end (C17 7.9): operator spellings for keyboards without the symbols. */
#ifndef __EPSILON_ISO646_H
#define __EPSILON_ISO646_H 1

#define and &&
#define and_eq &=
#define bitand &
#define bitor |
#define compl ~
#define not !
#define not_eq !=
#define or ||
#define or_eq |=
#define xor ^
#define xor_eq ^=

#endif
