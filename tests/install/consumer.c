/* A program built against the installed library only. */
#include <stdio.h>
#include <esent.h>

int main(void)
{
    JET_INSTANCE instance = 0;
    JET_ERR err = JetCreateInstanceA(&instance, "install-check");
    if (err != JET_errSuccess && err != JET_errFeatureNotAvailable) {
        printf("JetCreateInstanceA: %d\n", (int)err);
        return 1;
    }
    if (err == JET_errSuccess)
        err = JetTerm(instance);
    printf("consumer ok (%d)\n", (int)err);
    return err == JET_errSuccess || err == JET_errFeatureNotAvailable ? 0 : 1;
}
