/*
 * sort -- sorts a few hundred signed words in RAM.
 *
 * Input:  [count: u32 LE][seed: u32 LE], both optional; count defaults to 300 and is
 *         clamped to 1..=1024, seed defaults to 0x2545F491.
 * The words come from a xorshift32 generator; a recursive quicksort (median of three,
 * insertion sort below 16 elements) sorts them as signed integers, so the program
 * exercises loads/stores to RAM, signed compares and the stack.
 * Output: [min][max][median][checksum] as little-endian u32, where
 *         checksum = sum over i of a[i] * (i + 1) mod 2^32.
 * Exit code 0 when the array is sorted afterwards, 1 otherwise.
 */
#include "jolt.h"

#define MAX_COUNT 1024

static int32_t values[MAX_COUNT];

static uint32_t xorshift32(uint32_t *state) {
    uint32_t x = *state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    *state = x;
    return x;
}

static void swap(int32_t *a, int32_t *b) {
    int32_t t = *a;
    *a = *b;
    *b = t;
}

static void insertion_sort(int32_t *a, int32_t n) {
    for (int32_t i = 1; i < n; i++) {
        int32_t v = a[i];
        int32_t j = i - 1;
        while (j >= 0 && a[j] > v) {
            a[j + 1] = a[j];
            j--;
        }
        a[j + 1] = v;
    }
}

static void quicksort(int32_t *a, int32_t n) {
    while (n > 16) {
        int32_t mid = n / 2;
        if (a[mid] < a[0]) swap(&a[mid], &a[0]);
        if (a[n - 1] < a[0]) swap(&a[n - 1], &a[0]);
        if (a[n - 1] < a[mid]) swap(&a[n - 1], &a[mid]);
        int32_t pivot = a[mid];
        int32_t i = 0, j = n - 1;
        while (i <= j) {
            while (a[i] < pivot) i++;
            while (a[j] > pivot) j--;
            if (i <= j) {
                swap(&a[i], &a[j]);
                i++;
                j--;
            }
        }
        /* recurse into the smaller part, loop on the larger one: O(log n) stack */
        if (j + 1 < n - i) {
            quicksort(a, j + 1);
            a += i;
            n -= i;
        } else {
            quicksort(a + i, n - i);
            n = j + 1;
        }
    }
    insertion_sort(a, n);
}

int main(void) {
    uint32_t count = jolt_input_u32(0, 300);
    uint32_t state = jolt_input_u32(4, 0x2545F491u);
    if (count < 1) count = 1;
    if (count > MAX_COUNT) count = MAX_COUNT;
    if (state == 0) state = 1;
    for (uint32_t i = 0; i < count; i++) values[i] = (int32_t)xorshift32(&state);

    quicksort(values, (int32_t)count);

    int sorted = 1;
    uint32_t checksum = 0;
    for (uint32_t i = 0; i < count; i++) {
        if (i > 0 && values[i - 1] > values[i]) sorted = 0;
        checksum += (uint32_t)values[i] * (i + 1);
    }
    uint8_t out[16];
    jolt_put_u32(out, (uint32_t)values[0]);
    jolt_put_u32(out + 4, (uint32_t)values[count - 1]);
    jolt_put_u32(out + 8, (uint32_t)values[count / 2]);
    jolt_put_u32(out + 12, checksum);
    jolt_write_output(out, 16);
    return sorted ? 0 : 1;
}
