/* Built with MinGW's own <esent.h> and libesent.a, exactly as an existing Windows program is. It runs
 * under Wine with our esent.dll beside it and drives an instance through its whole life. */
#include <windows.h>
#include <esent.h>
#include <stdio.h>
#include <string.h>

static int failures;

static void check(const char *what, JET_ERR err, JET_ERR expected)
{
    printf("%-40s %ld%s\n", what, (long)err, err == expected ? "" : "  <-- unexpected");
    if (err != expected)
        failures++;
}

int main(void)
{
    char path[MAX_PATH] = "";
    HMODULE module = GetModuleHandleA("esent.dll");
    if (module != NULL)
        GetModuleFileNameA(module, path, sizeof path);
    int ours = module != NULL && strstr(path, "system32") == NULL && strstr(path, "System32") == NULL;
    printf("esent.dll loaded from %s\n", path);

    unsigned long version = 0;
    check("JetGetVersion", JetGetVersion(0, &version), JET_errSuccess);
    printf("version 0x%08lx\n", version);

    JET_INSTANCE instance = 0;
    check("JetCreateInstanceA", JetCreateInstanceA(&instance, "dropin"), JET_errSuccess);
    check("JetSetSystemParameterA(NoInformationEvent)",
          JetSetSystemParameterA(&instance, 0, JET_paramNoInformationEvent, 1, NULL), JET_errSuccess);
    unsigned long long value = 0;
    check("JetGetSystemParameterA(NoInformationEvent)",
          JetGetSystemParameterA(instance, 0, JET_paramNoInformationEvent, (JET_API_PTR *)&value, NULL, 0),
          JET_errSuccess);
    check("JetTerm", JetTerm(instance), JET_errSuccess);

    printf("%d passed, %d failed\n", failures == 0 ? 1 : 0, failures == 0 ? 0 : 1);
    if (ours && failures == 0)
        printf("our esent.dll: yes\n");
    return failures == 0 && ours ? 0 : 1;
}
