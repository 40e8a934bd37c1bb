/*
 * start.S -- entry point of every C guest.
 *
 * The loader sets sp to the top of the stack region and zero-fills .bss (PT_LOAD
 * memsz > filesz), so _start only calls main() and halts with its return value as the
 * exit code: ecall with a7 = 93 and the code in a0.
 */
    .section .text.start, "ax"
    .globl _start
_start:
    call main
    li a7, 93
    ecall
    /* ecall 93 never returns; spin if a broken emulator ever falls through */
1:  j 1b
