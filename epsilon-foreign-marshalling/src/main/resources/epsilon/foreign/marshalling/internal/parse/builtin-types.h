/*
 * The names a prototype or type name written in Java may use without including a header, and that header text
 * given to CHeader.parse sees unless it declares them itself: the standard C typedefs, the POSIX ones, glibc's
 * double-underscore spellings that its own headers use, and the structs of the most common libc calls.
 *
 * Read by Epsilon Foreign's own C front end with the running platform's predefined macros, so every size comes
 * from them (__SIZE_TYPE__, __LP64__, ...) and from the branches below. Layouts of the Linux x86-64 branch are
 * checked against gcc by BuiltinTypesGccTest; a branch that cannot be checked on the machine that builds this
 * library declares only what the C standard and the platform's published ABI fix, so that nothing here is a guess.
 */

/* ---- C standard (<stddef.h>, <stdint.h>, <wchar.h>, <uchar.h>) ------------------------------------------- */
typedef __SIZE_TYPE__ size_t;
typedef __PTRDIFF_TYPE__ ptrdiff_t;
typedef __WCHAR_TYPE__ wchar_t;
typedef __WINT_TYPE__ wint_t;
typedef __CHAR16_TYPE__ char16_t;
typedef __CHAR32_TYPE__ char32_t;
/* the exact-width, least, fast, pointer and max integer types: this front end's own freestanding <stdint.h> */
#include <stdint.h>
typedef __builtin_va_list va_list;
typedef __builtin_va_list __gnuc_va_list;
typedef int sig_atomic_t;

/* GCC 7+ knows the TS 18661-3 floating types as keywords; for the older GCC this front end presents itself as (and
   for text without headers) they are these typedefs, as glibc's <bits/floatn-common.h> declares them then. */
typedef float _Float32;
typedef double _Float64;
typedef double _Float32x;
typedef long double _Float64x;
#if defined(__x86_64__) || defined(__aarch64__)
typedef __float128 _Float128;
#endif

typedef struct { int quot; int rem; } div_t;
typedef struct { long quot; long rem; } ldiv_t;
typedef struct { long long quot; long long rem; } lldiv_t;
typedef struct { intmax_t quot; intmax_t rem; } imaxdiv_t;

#if defined(__linux__)
/* ---- glibc's own spellings (<bits/types.h>), the same on every 64-bit Linux ------------------------------- */
typedef signed char __int8_t;
typedef unsigned char __uint8_t;
typedef short __int16_t;
typedef unsigned short __uint16_t;
typedef int __int32_t;
typedef unsigned int __uint32_t;
typedef long __int64_t;
typedef unsigned long __uint64_t;
typedef long __intmax_t;
typedef unsigned long __uintmax_t;
typedef unsigned long __dev_t;
typedef unsigned int __uid_t;
typedef unsigned int __gid_t;
typedef unsigned long __ino_t;
typedef unsigned long __ino64_t;
typedef unsigned int __mode_t;
typedef long __off_t;
typedef long __off64_t;
typedef long __loff_t;
typedef int __pid_t;
typedef long __clock_t;
typedef unsigned long __rlim_t;
typedef unsigned long __rlim64_t;
typedef unsigned int __id_t;
typedef long __time_t;
typedef unsigned int __useconds_t;
typedef long __suseconds_t;
typedef int __daddr_t;
typedef int __key_t;
typedef int __clockid_t;
typedef void *__timer_t;
typedef long __blkcnt_t;
typedef long __blkcnt64_t;
typedef unsigned long __fsblkcnt_t;
typedef unsigned long __fsfilcnt_t;
typedef long __ssize_t;
typedef long __syscall_slong_t;
typedef unsigned long __syscall_ulong_t;
typedef char *__caddr_t;
typedef unsigned int __socklen_t;
typedef int __sig_atomic_t;

/* ---- POSIX (<sys/types.h>, <sys/socket.h>, <netinet/in.h>, <pthread.h>, ...) ------------------------------- */
typedef __ssize_t ssize_t;
typedef __time_t time_t;
typedef __clock_t clock_t;
typedef __clockid_t clockid_t;
typedef __timer_t timer_t;
typedef __suseconds_t suseconds_t;
typedef __useconds_t useconds_t;
typedef __pid_t pid_t;
typedef __uid_t uid_t;
typedef __gid_t gid_t;
typedef __id_t id_t;
typedef __mode_t mode_t;
typedef __off_t off_t;
typedef __off64_t off64_t;
typedef __loff_t loff_t;
typedef __dev_t dev_t;
typedef __ino_t ino_t;
typedef __ino64_t ino64_t;
typedef __blkcnt_t blkcnt_t;
typedef __fsblkcnt_t fsblkcnt_t;
typedef __fsfilcnt_t fsfilcnt_t;
typedef __key_t key_t;
typedef __daddr_t daddr_t;
typedef __caddr_t caddr_t;
typedef __rlim_t rlim_t;
typedef __socklen_t socklen_t;
typedef unsigned short sa_family_t;
typedef uint32_t in_addr_t;
typedef uint16_t in_port_t;
typedef unsigned long nfds_t;
typedef unsigned long pthread_t;
typedef unsigned int pthread_key_t;
typedef int pthread_once_t;
typedef struct __locale_struct *locale_t;
typedef struct _IO_FILE FILE;
typedef struct __dirstream DIR;
#if defined(__x86_64__)
typedef unsigned long __nlink_t;
typedef long __blksize_t;
typedef __nlink_t nlink_t;
typedef __blksize_t blksize_t;
#endif

/* ---- structs of common calls ------------------------------------------------------------------------------ */
struct tm {
    int tm_sec; int tm_min; int tm_hour; int tm_mday; int tm_mon; int tm_year; int tm_wday; int tm_yday;
    int tm_isdst; long tm_gmtoff; const char *tm_zone;
};
struct timeval { __time_t tv_sec; __suseconds_t tv_usec; };
struct timespec { __time_t tv_sec; __syscall_slong_t tv_nsec; };
struct timezone { int tz_minuteswest; int tz_dsttime; };
struct itimerval { struct timeval it_interval; struct timeval it_value; };
struct itimerspec { struct timespec it_interval; struct timespec it_value; };
struct tms { clock_t tms_utime; clock_t tms_stime; clock_t tms_cutime; clock_t tms_cstime; };
struct utimbuf { __time_t actime; __time_t modtime; };
struct rlimit { rlim_t rlim_cur; rlim_t rlim_max; };
struct iovec { void *iov_base; size_t iov_len; };
struct pollfd { int fd; short events; short revents; };
struct winsize { unsigned short ws_row; unsigned short ws_col; unsigned short ws_xpixel; unsigned short ws_ypixel; };
struct utsname {
    char sysname[65]; char nodename[65]; char release[65]; char version[65]; char machine[65];
    char domainname[65];
};
struct in_addr { in_addr_t s_addr; };
struct sockaddr { sa_family_t sa_family; char sa_data[14]; };
struct sockaddr_in {
    sa_family_t sin_family; in_port_t sin_port; struct in_addr sin_addr;
    unsigned char sin_zero[sizeof (struct sockaddr) - sizeof (sa_family_t) - sizeof (in_port_t)
                           - sizeof (struct in_addr)];
};
#if defined(__x86_64__)
struct stat {
    __dev_t st_dev; __ino_t st_ino; __nlink_t st_nlink; __mode_t st_mode; __uid_t st_uid; __gid_t st_gid;
    int __pad0; __dev_t st_rdev; __off_t st_size; __blksize_t st_blksize; __blkcnt_t st_blocks;
    struct timespec st_atim; struct timespec st_mtim; struct timespec st_ctim;
    __syscall_slong_t __glibc_reserved[3];
};
#endif

#elif defined(__APPLE__)
/* ---- Darwin (<sys/_types.h>, <sys/types.h>) --------------------------------------------------------------- */
typedef long ssize_t;
typedef long time_t;
typedef unsigned long clock_t;
typedef int suseconds_t;
typedef unsigned int useconds_t;
typedef int pid_t;
typedef unsigned int uid_t;
typedef unsigned int gid_t;
typedef unsigned int id_t;
typedef unsigned short mode_t;
typedef long long off_t;
typedef int dev_t;
typedef unsigned long long ino_t;
typedef unsigned short nlink_t;
typedef int blksize_t;
typedef long long blkcnt_t;
typedef unsigned int socklen_t;
typedef unsigned char sa_family_t;
typedef uint32_t in_addr_t;
typedef uint16_t in_port_t;
typedef unsigned long long rlim_t;
typedef unsigned int nfds_t;
typedef struct _opaque_pthread_t *pthread_t;
typedef unsigned long pthread_key_t;
typedef struct __sFILE FILE;
struct tm {
    int tm_sec; int tm_min; int tm_hour; int tm_mday; int tm_mon; int tm_year; int tm_wday; int tm_yday;
    int tm_isdst; long tm_gmtoff; char *tm_zone;
};
struct timeval { time_t tv_sec; suseconds_t tv_usec; };
struct timespec { time_t tv_sec; long tv_nsec; };
struct rlimit { rlim_t rlim_cur; rlim_t rlim_max; };
struct iovec { void *iov_base; size_t iov_len; };
struct pollfd { int fd; short events; short revents; };
struct in_addr { in_addr_t s_addr; };

#elif defined(_WIN32)
/* ---- Windows (UCRT) --------------------------------------------------------------------------------------- */
typedef long long time_t;
typedef long clock_t;
typedef int pid_t;
typedef unsigned short mode_t;
typedef long off_t;
typedef struct _iobuf FILE;
struct tm {
    int tm_sec; int tm_min; int tm_hour; int tm_mday; int tm_mon; int tm_year; int tm_wday; int tm_yday;
    int tm_isdst;
};
struct timespec { time_t tv_sec; long tv_nsec; };
#endif
