/**
 * The Epsilon Foreign facade: opening libraries, calling C functions by name with types given at run time, resolved functions, and native allocation.
 */
package epsilon.foreign;
