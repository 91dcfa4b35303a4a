# tests/integration/97-fuzz.sh - the model-based fuzzer of /dev/nanokernel
# (tests/integration/svcfuzz.c) with the RTOS running beside it: two seeds,
# each checking every result against its model, every error for a change,
# the tables after every operation, each ioctl reached and successful, and
# at the end that no message, bit, handle, reference, mapping, allocation
# or heap page was lost or left.  Then the nanokernel, the RTOS and the
# host must be as well as before.
. /nk/tests/lib.sh
plan 35

check_output "start the RTOS" '^rtos started$' nkctl os start rtos /lib/firmware/rtos.bin
sleep 1
count_checks svcfuzz 10000 7
count_checks svcfuzz 10000 11
check_output "no heap page leaked by all this" '^heap: 0 pages unaccounted' nkctl svc list
check_output "the nanokernel answers" "ping 9 -> $(( (9 ^ 0x5a5a5a5a) & 0x7fffffff ))" nkctl ping 9
check_output "no exception inside the nanokernel" 'faults: +0$' nkctl status
check_output "the RTOS is still alive after the fuzzing" '^rtos +idle ' nkctl os list
check "stop the RTOS" nkctl os stop rtos
check_dmesg_clean "no oops or warning in the kernel log"
done_testing
