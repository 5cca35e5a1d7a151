/* stdbool.h for Epsilon Foreign's C front end (C17 7.18). */
#ifndef __EPSILON_STDBOOL_H
#define __EPSILON_STDBOOL_H 1

#define bool _Bool
#define true 1
#define false 0
#define __bool_true_false_are_defined 1

#endif
