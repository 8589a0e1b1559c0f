/* System parameters: JetSetSystemParameter / JetGetSystemParameter / JetEnableMultiInstance
 * (spec/ese-api.md §1.9, §1.10, Appendix A). Public API only.
 *
 * The expected table below was written from spec/ese-api.md Appendix A (defaults of the ESENT
 * retail build where the appendix lists several), independently of the engine's own table.
 * Every test starts and ends with no instance alive and with all parameters back at their defaults
 * (JET_paramConfiguration = JET_configDefault resets the global table), so test order does not matter. */
#include <esent.h>
#include "cu_runner.h"

#include <stdio.h>
#include <string.h>

#define MAXP    (~(JET_API_PTR)0)
#define VERPAGE ((JET_API_PTR)(16384u * sizeof(void *) / 4u))   /* JET_paramVerPageSize default */

/* Kinds of parameter, as far as a caller can tell. */
enum { K_INT, K_BOOL, K_GRBIT, K_BLOCK, K_PTR, K_STR, K_PATH, K_FOLDER, K_RO, K_SPECIAL, K_UNUSED };
/* When a parameter may be set. */
enum { L_ANY, L_INIT, L_MODE, L_RO };
/* Scope. */
#define SI 0   /* per instance */
#define SG 1   /* global */

typedef struct expect {
    unsigned    id;
    int         kind;
    int         global;
    int         advanced;
    int         lock;
    JET_API_PTR lo, hi;          /* legal values, or string lengths */
    JET_API_PTR def, small;      /* JET_configDefault and JET_configLowMemory defaults */
    const char *sdef;            /* string default */
} expect;

static const expect k_params[] = {
    {   0, K_FOLDER , SI, 0, L_INIT,        0,         246,           0,           0, ".\\" },
    {   1, K_PATH   , SI, 0, L_INIT,        0,         247,           0,           0, "tmp.edb" },
    {   2, K_FOLDER , SI, 0, L_INIT,        0,         246,           0,           0, ".\\" },
    {   3, K_STR    , SI, 0, L_INIT,        3,           3,           0,           0, "edb" },
    {   4, K_STR    , SI, 0, L_INIT,        0,         259,           0,           0, "" },
    {   5, K_INT    , SI, 1, L_INIT,        0,       30000,          16,       30000, NULL },
    {   6, K_INT    , SI, 1, L_INIT,        0,  0x7FFFFFFF,         300,  0x7FFFFFFF, NULL },
    {   7, K_INT    , SI, 1, L_INIT,        0,  0x7FFFFFFF,           0,           0, NULL },
    {   8, K_INT    , SI, 1, L_INIT,        0,  0x7FFFFFFF,        1024,  0x7FFFFFFF, NULL },
    {   9, K_INT    , SI, 1, L_INIT,        1,  0x7FFFFFFF,          64,  0x7FFFFFFF, NULL },
    {  10, K_INT    , SI, 1, L_INIT,        0,  0x7FFFFFFF,          20,  0x7FFFFFFF, NULL },
    {  11, K_INT    , SI, 0, L_INIT,       64,       32768,        5120,          64, NULL },
    {  12, K_INT    , SI, 1, L_INIT,        1,  0x7FFFFFFF,         126,           1, NULL },
    {  13, K_INT    , SI, 1, L_ANY ,        0,  0x7FFFFFFF,           0,           0, NULL },
    {  14, K_INT    , SI, 1, L_INIT,        0,  0x7FFFFFFF,        1024,        1024, NULL },
    {  15, K_INT    , SI, 1, L_INIT,        0,  0x7FFFFFFF,           3,           3, NULL },
    {  16, K_SPECIAL, SI, 0, L_ANY ,        0,  0xFFFFFFFF,           0,           0, NULL },
    {  17, K_BOOL   , SI, 0, L_INIT,        0,        MAXP,           0,           0, NULL },
    {  18, K_INT    , SI, 1, L_ANY ,        1,  0x7FFFFFFF,         256,          16, NULL },
    {  19, K_INT    , SI, 1, L_INIT,        0,  0x7FFFFFFF,           0,          14, NULL },
    {  20, K_INT    , SI, 1, L_INIT,        0,  0x7FFFFFFF,           8,           8, NULL },
    {  21, K_INT    , SI, 1, L_ANY ,        0,        MAXP,        MAXP,        MAXP, NULL },
    {  22, K_INT    , SG, 1, L_ANY ,        0,        MAXP,         256,         256, NULL },
    {  23, K_INT    , SG, 1, L_ANY ,        1,        MAXP,  2000000000,          16, NULL },
    {  24, K_INT    , SI, 0, L_ANY ,        0,        MAXP,    20971520,       65536, NULL },
    {  25, K_INT    , SG, 1, L_MODE,        0,        MAXP,      128000,      128000, NULL },
    {  26, K_INT    , SG, 1, L_MODE,        0,        MAXP,      100000,          10, NULL },
    {  27, K_INT    , SG, 1, L_MODE,        1,           2,           2,           2, NULL },
    {  28, K_INT    , SG, 1, L_MODE,        1,        MAXP,         100,         100, NULL },
    {  29, K_INT    , SG, 1, L_MODE,        0,        MAXP,           0,           0, NULL },
    {  30, K_INT    , SG, 1, L_MODE,        0,       65536,        1024,          16, NULL },
    {  31, K_INT    , SG, 1, L_ANY ,        0,        MAXP,    20000000,           1, NULL },
    {  32, K_INT    , SG, 1, L_ANY ,        0,        MAXP,    40000000,           2, NULL },
    {  33, K_STR    , SG, 0, L_ANY ,        0,          64,           0,           0, "" },
    {  34, K_STR    , SI, 0, L_INIT,        0,         259,           0,           0, "on" },
    {  35, K_GRBIT  , SI, 0, L_ANY ,        0,      0xFFFF,      0xFFFF,      0xFFFF, NULL },
    {  36, K_GRBIT  , SG, 0, L_ANY ,        0,          64,        0x40,        0x40, NULL },
    {  37, K_RO     , SG, 0, L_RO  ,        0,        MAXP,           0,           0, NULL },
    {  38, K_RO     , SI, 0, L_RO  ,        0,        MAXP,           0,           0, NULL },
    {  39, K_INT    , SG, 0, L_ANY ,        0,  0xFFFFFFFE,           0,           0, NULL },
    {  40, K_INT    , SG, 0, L_ANY ,        0,  0xFFFFFFFE,           0,           0, NULL },
    {  41, K_SPECIAL, SG, 1, L_ANY ,        0,        MAXP,           0,           0, NULL },
    {  42, K_RO     , SG, 0, L_RO  ,        0,        MAXP,           1,           1, NULL },
    {  43, K_RO     , SG, 0, L_RO  ,        0,        MAXP,           1,           1, NULL },
    {  44, K_BOOL   , SI, 0, L_INIT,        0,        MAXP,           1,           1, NULL },
    {  45, K_INT    , SI, 0, L_ANY ,        0,           2,           1,           1, NULL },
    {  46, K_BOOL   , SI, 0, L_INIT,        0,        MAXP,           1,           1, NULL },
    {  47, K_BOOL   , SI, 0, L_INIT,        0,           0,           0,           0, NULL },
    {  48, K_BOOL   , SI, 0, L_INIT,        0,        MAXP,           0,           0, NULL },
    {  49, K_STR    , SI, 0, L_INIT,        0,         259,           0,           0, "" },
    {  50, K_BOOL   , SI, 0, L_INIT,        0,        MAXP,           0,           1, NULL },
    {  51, K_INT    , SI, 0, L_INIT,        0,         100,         100,         100, NULL },
    {  52, K_BOOL   , SI, 0, L_INIT,        0,        MAXP,           0,           0, NULL },
    {  53, K_INT    , SG, 0, L_ANY ,        0,        MAXP,       10000,       10000, NULL },
    {  54, K_BOOL   , SI, 0, L_ANY ,        0,        MAXP,           1,           1, NULL },
    {  55, K_INT    , SI, 1, L_INIT,        0,        1000,           0,           0, NULL },
    {  56, K_INT    , SI, 1, L_ANY ,        0,          10,           0,           0, NULL },
    {  57, K_BOOL   , SI, 1, L_ANY ,        0,        MAXP,           0,           0, NULL },
    {  58, K_INT    , SI, 1, L_ANY ,        0,         127,           8,           8, NULL },
    {  59, K_BOOL   , SI, 1, L_ANY ,        0,        MAXP,           0,           0, NULL },
    {  60, K_INT    , SG, 1, L_ANY ,        1,        MAXP,           1,          16, NULL },
    {  61, K_FOLDER , SI, 0, L_INIT,        0,           0,           0,           0, "" },
    {  62, K_BOOL   , SI, 0, L_INIT,        0,        MAXP,           0,           0, NULL },
    {  63, K_INT    , SI, 1, L_ANY ,        1,  0x7FFFFFFF,          58,  0x7FFFFFFF, NULL },
    {  64, K_BLOCK  , SG, 0, L_MODE,     4096,       32768,        4096,        4096, NULL },
    {  65, K_BOOL   , SI, 0, L_INIT,        0,        MAXP,           0,           0, NULL },
    {  66, K_INT    , SI, 1, L_INIT,        1,  0x7FFFFFFF,          16,          16, NULL },
    {  67, K_INT    , SI, 1, L_INIT,        1,  0x7FFFFFFF,           8,           8, NULL },
    {  68, K_INT    , SI, 1, L_ANY ,        0,  0x7FFFFFFF,           0,           0, NULL },
    {  69, K_BOOL   , SI, 1, L_INIT,        0,        MAXP,           1,           1, NULL },
    {  70, K_RO     , SG, 0, L_RO  ,        0,        MAXP,           0,           0, NULL },
    {  71, K_BOOL   , SI, 0, L_INIT,        0,        MAXP,           0,           0, NULL },
    {  72, K_SPECIAL, SI, 0, L_INIT,        0,        MAXP,           0,           0, NULL },
    {  73, K_PTR    , SI, 0, L_INIT,        0,        MAXP,           0,           0, NULL },
    {  74, K_BOOL   , SI, 1, L_ANY ,        0,           1,           1,           1, NULL },
    {  75, K_BOOL   , SI, 1, L_ANY ,        0,           1,           0,           0, NULL },
    {  76, K_BOOL   , SI, 0, L_INIT,        0,        MAXP,           0,           0, NULL },
    {  77, K_BOOL   , SI, 0, L_INIT,        0,        MAXP,           0,           0, NULL },
    {  78, K_GRBIT  , SG, 1, L_ANY ,        0,           3,           1,           1, NULL },
    {  79, K_RO     , SI, 0, L_RO  ,        0,        MAXP,           0,           0, NULL },
    {  80, K_INT    , SI, 1, L_ANY ,        0,  0x7FFFFFFF,      172800,      172800, NULL },
    {  81, K_INT    , SG, 1, L_MODE,        1,  0x7FFFFFFF,          64,           1, NULL },
    {  82, K_INT    , SG, 0, L_ANY ,        0,  0x7FFFFFFF,       70000,       70000, NULL },
    {  83, K_BOOL   , SI, 1, L_ANY ,        0,           1,           1,           1, NULL },
    {  84, K_INT    , SI, 0, L_ANY ,        0,         0xD,           0,           0, NULL },
    {  85, K_INT    , SI, 0, L_INIT,        0,        1024,           2,           2, NULL },
    {  86, K_INT    , SI, 0, L_INIT,        0,        1024,          40,          40, NULL },
    {  87, K_INT    , SI, 0, L_INIT,       50,  0x7FFFFFFF,        3000,        3000, NULL },
    {  88, K_INT    , SI, 0, L_ANY ,        1,  0x7FFFFFFF,          20,          20, NULL },
    {  89, K_BOOL   , SI, 1, L_ANY ,        0,           1,           1,           1, NULL },
    {  90, K_BOOL   , SI, 1, L_ANY ,        0,        MAXP,           0,           0, NULL },
    {  91, K_INT    , SI, 1, L_ANY ,        0,      604800,       43200,       43200, NULL },
    {  92, K_INT    , SI, 1, L_ANY ,        0,       10000,        1000,        1000, NULL },
    {  93, K_BOOL   , SI, 1, L_ANY ,        0,           1,           0,           0, NULL },
    {  94, K_INT    , SI, 1, L_ANY ,        0,  0x7FFFFFFF,         100,         100, NULL },
    {  95, K_INT    , SI, 1, L_ANY ,        0,        1000,         150,         150, NULL },
    {  96, K_INT    , SI, 1, L_ANY ,        0,  0x7FFFFFFF,      604800,      604800, NULL },
    {  97, K_INT    , SI, 1, L_ANY ,        0,  0x7FFFFFFF,        3600,        3600, NULL },
    {  98, K_INT    , SG, 0, L_ANY ,        0,        MAXP,           4,           4, NULL },
    {  99, K_INT    , SG, 0, L_MODE,        0,  0x7FFFFFFF,           0,           0, NULL },
    { 100, K_BOOL   , SI, 0, L_ANY ,        0,        MAXP,           0,           0, NULL },
    { 101, K_INT    , SG, 1, L_MODE,        0,  0x7FFFFFFF,      262144,          32, NULL },
    { 102, K_BOOL   , SI, 0, L_INIT,        0,        MAXP,           0,           0, NULL },
    { 103, K_INT    , SG, 0, L_MODE,        7,           7,           7,           7, NULL },
    { 104, K_INT    , SG, 0, L_MODE,        1,       10240,          16,          16, NULL },
    { 105, K_INT    , SI, 1, L_ANY ,        1,         127,           4,           4, NULL },
    { 106, K_INT    , SG, 1, L_ANY ,        0,        MAXP,           0,           0, NULL },
    { 107, K_BOOL   , SG, 0, L_MODE,        0,        MAXP,           0,           1, NULL },
    { 108, K_PTR    , SG, 0, L_MODE,        0,           0,           0,           0, NULL },
    { 109, K_INT    , SG, 1, L_ANY ,        0,        MAXP,           0,           0, NULL },
    { 110, K_INT    , SI, 0, L_INIT,        2,         255,           3,           3, NULL },
    { 111, K_INT    , SI, 0, L_INIT,        2,         255,          10,          10, NULL },
    { 112, K_INT    , SI, 0, L_INIT,        1,       32767,       32767,       32767, NULL },
    { 113, K_FOLDER , SI, 0, L_INIT,        0,         246,           0,           0, "" },
    { 114, K_BOOL   , SG, 1, L_ANY ,        0,        MAXP,           0,           0, NULL },
    { 115, K_BOOL   , SI, 1, L_INIT,        0,        MAXP,           1,           1, NULL },
    { 116, K_BOOL   , SI, 1, L_INIT,        0,        MAXP,           1,           1, NULL },
    { 117, K_BOOL   , SI, 1, L_INIT,        0,        MAXP,           1,           1, NULL },
    { 118, K_INT    , SI, 1, L_ANY ,        0,  0x7FFFFFFF,           0,           0, NULL },
    { 119, K_BOOL   , SI, 1, L_ANY ,        0,        MAXP,           0,           0, NULL },
    { 120, K_INT    , SG, 1, L_ANY ,        0,        MAXP,        1280,        1280, NULL },
    { 121, K_SPECIAL, SG, 0, L_ANY ,        0,        MAXP,           0,           0, NULL },
    { 122, K_SPECIAL, SG, 0, L_ANY ,        0,        MAXP,           0,           0, NULL },
    { 123, K_SPECIAL, SG, 0, L_ANY ,        0,        MAXP,           0,           0, NULL },
    { 124, K_INT    , SG, 1, L_ANY ,        0,        MAXP,     1048576,     1048576, NULL },
    { 125, K_SPECIAL, SI, 1, L_ANY ,        0,  0x7FFFFFFF,          64,          64, NULL },
    { 126, K_BOOL   , SG, 1, L_MODE,        0,        MAXP,           0,           1, NULL },
    { 127, K_BOOL   , SG, 1, L_MODE,        0,        MAXP,           0,           1, NULL },
    { 128, K_BLOCK  , SG, 1, L_MODE,     1024,       65536,     VERPAGE,        8192, NULL },
    { 129, K_SPECIAL, SI, 0, L_INIT,        0,       0x7FF,           1,        0x11, NULL },
    { 130, K_BOOL   , SI, 0, L_ANY ,        0,        MAXP,           1,           1, NULL },
    { 131, K_RO     , SG, 0, L_RO  ,        0,        MAXP,          19,          19, NULL },
    { 132, K_INT    , SI, 0, L_INIT,        0,       32767,           1,           1, NULL },
    { 133, K_INT    , SI, 0, L_ANY ,        0,       32767,           0,           0, NULL },
    { 134, K_RO     , SI, 0, L_RO  ,        0,        MAXP,        1000,        1000, NULL },
    { 135, K_INT    , SG, 1, L_ANY ,        1,        1024,           1,           1, NULL },
    { 136, K_GRBIT  , SI, 0, L_INIT,        0,         255,           3,           3, NULL },
    { 137, K_STR    , SG, 0, L_MODE,        1,          64,           0,           0, "TableClass1" },
    { 138, K_STR    , SG, 0, L_MODE,        1,          64,           0,           0, "TableClass2" },
    { 139, K_STR    , SG, 0, L_MODE,        1,          64,           0,           0, "TableClass3" },
    { 140, K_STR    , SG, 0, L_MODE,        1,          64,           0,           0, "TableClass4" },
    { 141, K_STR    , SG, 0, L_MODE,        1,          64,           0,           0, "TableClass5" },
    { 142, K_STR    , SG, 0, L_MODE,        1,          64,           0,           0, "TableClass6" },
    { 143, K_STR    , SG, 0, L_MODE,        1,          64,           0,           0, "TableClass7" },
    { 144, K_STR    , SG, 0, L_MODE,        1,          64,           0,           0, "TableClass8" },
    { 145, K_STR    , SG, 0, L_MODE,        1,          64,           0,           0, "TableClass9" },
    { 146, K_STR    , SG, 0, L_MODE,        1,          64,           0,           0, "TableClass10" },
    { 147, K_STR    , SG, 0, L_MODE,        1,          64,           0,           0, "TableClass11" },
    { 148, K_STR    , SG, 0, L_MODE,        1,          64,           0,           0, "TableClass12" },
    { 149, K_STR    , SG, 0, L_MODE,        1,          64,           0,           0, "TableClass13" },
    { 150, K_STR    , SG, 0, L_MODE,        1,          64,           0,           0, "TableClass14" },
    { 151, K_STR    , SG, 0, L_MODE,        1,          64,           0,           0, "TableClass15" },
    { 152, K_INT    , SI, 1, L_ANY ,        0,         0x7,           0,           0, NULL },
    { 153, K_INT    , SI, 0, L_INIT,        0,        1023,           0,           0, NULL },
    { 154, K_INT    , SI, 0, L_INIT,     0x20,     0x10000,     0x10000,     0x10000, NULL },
    { 155, K_BOOL   , SG, 0, L_MODE,        0,        MAXP,           0,           0, NULL },
    { 156, K_BOOL   , SI, 0, L_INIT,        0,        MAXP,           0,           0, NULL },
    { 157, K_BOOL   , SI, 0, L_INIT,        0,        MAXP,           0,           0, NULL },
    { 158, K_INT    , SI, 0, L_INIT,        0,      604800,           0,           0, NULL },
    { 159, K_BOOL   , SG, 0, L_MODE,        0,        MAXP,           0,           0, NULL },
    { 160, K_BOOL   , SI, 0, L_ANY ,        0,        MAXP,           1,           1, NULL },
    { 161, K_INT    , SI, 0, L_INIT,        0,        MAXP,          10,          10, NULL },
    { 162, K_INT    , SG, 0, L_MODE,        1,       10000,         100,         100, NULL },
    { 163, K_RO     , SG, 0, L_RO  ,        0,        MAXP,        4014,        4014, NULL },
    { 164, K_INT    , SG, 1, L_MODE,        0,    10485760,      524288,      524288, NULL },
    { 165, K_INT    , SG, 1, L_MODE,        0,    10485760,      524288,      524288, NULL },
    { 166, K_INT    , SG, 1, L_MODE,        0,    10485760,      524288,      524288, NULL },
    { 167, K_INT    , SG, 1, L_MODE,        0,    10485760,      524288,      524288, NULL },
    { 168, K_INT    , SI, 1, L_INIT,        0,           2,           0,           0, NULL },
    { 169, K_INT    , SI, 1, L_ANY ,        0,           2,           0,           0, NULL },
    { 170, K_INT    , SI, 1, L_ANY ,        0,       60000,          20,          20, NULL },
    { 171, K_INT    , SI, 1, L_INIT,        0,     1814400, 60 * 60 * 24 * 1, 60 * 60 * 24 * 1, NULL },
    { 172, K_INT    , SI, 1, L_INIT,        1,  1576800000, 60 * 60 * 24 * 7, 60 * 60 * 24 * 7, NULL },
    { 173, K_PTR    , SI, 1, L_INIT,        0,        MAXP,           0,           0, NULL },
    { 174, K_PTR    , SI, 1, L_INIT,        0,        MAXP,           0,           0, NULL },
    { 175, K_BOOL   , SI, 1, L_INIT,        0,           1,           0,           0, NULL },
    { 176, K_INT    , SI, 1, L_ANY ,        0,  0x7FFFFFFF,         300,         300, NULL },
    { 177, K_INT    , SI, 1, L_ANY ,        0,        1000,         100,         100, NULL },
    { 178, K_INT    , SI, 1, L_ANY ,        1,         100,         100,         100, NULL },
    { 179, K_INT    , SI, 1, L_ANY ,        0,         256,           8,           8, NULL },
    { 180, K_BOOL   , SI, 1, L_INIT,        0,           1,           0,           0, NULL },
    { 181, K_INT    , SG, 1, L_MODE,    11000,     1800000,     30*1000,     30*1000, NULL },
    { 182, K_INT    , SG, 1, L_MODE,        0,        0x1F,           1,           1, NULL },
    { 183, K_INT    , SG, 1, L_MODE,        0,  0x7FFFFFFF,        1024,        1024, NULL },
    { 184, K_SPECIAL, SI, 0, L_INIT,        0,      0xffff,           0,           0, NULL },
    { 185, K_UNUSED , SI, 0, L_ANY ,        0,        MAXP,           0,           0, NULL },
    { 186, K_STR    , SG, 0, L_MODE,        0,          64,           0,           0, "" },
    { 187, K_PTR    , SI, 1, L_INIT,        0,        MAXP,           0,           0, NULL },
    { 188, K_INT    , SI, 0, L_INIT,        0,           2,           1,           1, NULL },
    { 189, K_SPECIAL, SI, 0, L_INIT,        0,        MAXP,           0,           0, "" },
    { 190, K_INT    , SI, 1, L_ANY ,      0x0,  0xFFFFFFFF,    0x800000,    0x800000, NULL },
    { 191, K_BOOL   , SI, 1, L_ANY ,        0,           1,           0,           0, NULL },
    { 192, K_BOOL   , SI, 1, L_ANY ,        0,           1,           0,           0, NULL },
    { 193, K_INT    , SI, 1, L_INIT,        0,           7,           5,           5, NULL },
    { 194, K_SPECIAL, SI, 0, L_ANY ,        0,  0xFFFFFFFF,  0x40000001,  0x40000001, NULL },
    { 195, K_INT    , SI, 1, L_ANY ,        0,           1,           0,           0, NULL },
    { 196, K_STR    , SG, 0, L_MODE,        1,          64,           0,           0, "TableClass16" },
    { 197, K_STR    , SG, 0, L_MODE,        1,          64,           0,           0, "TableClass17" },
    { 198, K_STR    , SG, 0, L_MODE,        1,          64,           0,           0, "TableClass18" },
    { 199, K_STR    , SG, 0, L_MODE,        1,          64,           0,           0, "TableClass19" },
    { 200, K_STR    , SG, 0, L_MODE,        1,          64,           0,           0, "TableClass20" },
    { 201, K_STR    , SG, 0, L_MODE,        1,          64,           0,           0, "TableClass21" },
    { 202, K_STR    , SG, 0, L_MODE,        1,          64,           0,           0, "TableClass22" },
    { 203, K_STR    , SG, 0, L_MODE,        1,          64,           0,           0, "TableClass23" },
    { 204, K_STR    , SG, 0, L_MODE,        1,          64,           0,           0, "TableClass24" },
    { 205, K_STR    , SG, 0, L_MODE,        1,          64,           0,           0, "TableClass25" },
    { 206, K_STR    , SG, 0, L_MODE,        1,          64,           0,           0, "TableClass26" },
    { 207, K_STR    , SG, 0, L_MODE,        1,          64,           0,           0, "TableClass27" },
    { 208, K_STR    , SG, 0, L_MODE,        1,          64,           0,           0, "TableClass28" },
    { 209, K_STR    , SG, 0, L_MODE,        1,          64,           0,           0, "TableClass29" },
    { 210, K_STR    , SG, 0, L_MODE,        1,          64,           0,           0, "TableClass30" },
    { 211, K_STR    , SG, 0, L_MODE,        1,          64,           0,           0, "TableClass31" },
    { 212, K_PTR    , SI, 1, L_INIT,        0,        MAXP,           0,           0, NULL },
    { 213, K_RO     , SG, 0, L_RO  ,        0,        MAXP,        4052,        4052, NULL },
    { 214, K_BOOL   , SI, 1, L_INIT,        0,           1,           1,           1, NULL },
    { 215, K_BOOL   , SI, 1, L_ANY ,        0,           1,           0,           0, NULL },
    { 216, K_FOLDER , SI, 0, L_INIT,        0,         246,           0,           0, ".\\" },
    { 217, K_INT    , SG, 0, L_MODE,        0,    86400000,         100,         100, NULL },
    { 218, K_BOOL   , SG, 1, L_MODE,        0,           1,           0,           0, NULL },
    { 219, K_INT    , SI, 1, L_ANY ,        1,  0x7FFFFFFF,        1000,        1000, NULL },
    { 220, K_BOOL   , SG, 1, L_MODE,        0,           1,           0,           0, NULL },
};

#define NPARAMS (sizeof k_params / sizeof k_params[0])

/* ---- helpers ---- */

static JET_ERR set_num(JET_INSTANCE *pinst, unsigned id, JET_API_PTR value)
{
    return JetSetSystemParameterW(pinst, 0, id, value, NULL);
}

static JET_ERR get_num(JET_INSTANCE inst, unsigned id, JET_API_PTR *value)
{
    return JetGetSystemParameterW(inst, 0, id, value, NULL, 0);
}

/* The value of a numeric parameter, or a marker when the get fails. */
static JET_API_PTR num_of(JET_INSTANCE inst, unsigned id)
{
    JET_API_PTR v = 0;
    return get_num(inst, id, &v) == JET_errSuccess ? v : (JET_API_PTR)0xBADBAD;
}

static JET_ERR set_str(JET_INSTANCE *pinst, unsigned id, const char *s)
{
    return JetSetSystemParameterA(pinst, 0, id, 0, s);
}

/* 1 when the parameter's value (read through both the A and W forms) is the ASCII string s. */
static int str_is(JET_INSTANCE inst, unsigned id, const char *s)
{
    char a[600];
    WCHAR w[600];
    if (JetGetSystemParameterA(inst, 0, id, NULL, a, sizeof a) != JET_errSuccess || strcmp(a, s) != 0)
        return 0;
    if (JetGetSystemParameterW(inst, 0, id, NULL, w, sizeof w) != JET_errSuccess)
        return 0;
    size_t i = 0;
    for (; s[i] != 0; i++)
        if (w[i] != (WCHAR)(unsigned char)s[i])
            return 0;
    return w[i] == 0;
}

static size_t wlen(const WCHAR *w)
{
    size_t n = 0;
    while (w[n] != 0)
        n++;
    return n;
}

static int wsame(const WCHAR *a, const WCHAR *b)
{
    size_t n = wlen(a);
    return n == wlen(b) && memcmp(a, b, n * sizeof(WCHAR)) == 0;
}

/* Resets the global table to its defaults (only possible while no instance exists). */
static void restore_defaults(void)
{
    CU_ASSERT_EQUAL(set_num(NULL, JET_paramConfiguration, JET_configDefault), JET_errSuccess);
}

static JET_ERR create(JET_INSTANCE *inst, const char *name)
{
    *inst = 0;
    return JetCreateInstanceA(inst, name);
}

/* Creates and initializes an instance whose files live in the folder named name. */
static JET_ERR create_and_init(JET_INSTANCE *inst, const char *name)
{
    char folder[128];
    snprintf(folder, sizeof folder, "pt_%s/", name);
    JET_ERR err = create(inst, name);
    if (err == JET_errSuccess)
        err = set_str(inst, JET_paramSystemPath, folder);
    if (err == JET_errSuccess)
        err = set_str(inst, JET_paramLogFilePath, folder);
    if (err == JET_errSuccess)
        err = set_num(inst, JET_paramCreatePathIfNotExist, 1);
    if (err == JET_errSuccess)
        err = JetInit(inst);
    return err;
}

static int is_numeric(const expect *e)
{
    return e->kind == K_INT || e->kind == K_BOOL || e->kind == K_GRBIT || e->kind == K_BLOCK || e->kind == K_PTR;
}

static int is_string(const expect *e)
{
    return e->kind == K_STR || e->kind == K_PATH || e->kind == K_FOLDER;
}

/* A legal value other than the default: *value to set, *readback what a get then returns.
 * 0 when the parameter has no such value. */
static int pick_valid_num(const expect *e, JET_API_PTR *value, JET_API_PTR *readback)
{
    switch (e->kind) {
    case K_BOOL:
        if (e->def == 0) {
            if (e->hi == 0)
                return 0;
            *value = e->hi == MAXP ? 7 : 1;   /* any non-zero value reads back as 1 */
            *readback = 1;
        } else {
            *value = *readback = 0;
        }
        return 1;
    case K_BLOCK:
        *value = *readback = e->def == e->lo ? e->lo * 2 : e->lo;
        return 1;
    case K_PTR:
        if (e->hi == 0)
            return 0;
        *value = *readback = 0x1000;
        return 1;
    case K_INT:
    case K_GRBIT:
        *value = *readback = e->def != e->lo ? e->lo : e->lo + 1;
        return *value <= e->hi;
    default:
        return 0;
    }
}

/* An illegal value; 0 when every value is legal. */
static int pick_invalid_num(const expect *e, JET_API_PTR *value)
{
    if (e->hi != MAXP) {
        *value = e->hi + 1;
        return 1;
    }
    if (e->lo > 0) {
        *value = e->lo - 1;
        return 1;
    }
    return 0;
}

/* A legal string other than the default (in buf); 0 when there is none. */
static int pick_valid_str(const expect *e, char *buf, size_t cb)
{
    size_t len = e->lo > 0 ? (size_t)e->lo : (e->hi < 5 ? (size_t)e->hi : 5);
    if (len == 0 || len + 1 > cb)
        return 0;
    for (size_t i = 0; i < len; i++)
        buf[i] = (char)('x' + i % 3);
    buf[len] = 0;
    return strcmp(buf, e->sdef) != 0;
}

/* ---- the table: defaults, sets, ranges ---- */

static void test_table_covers_all_ids(void)
{
    CU_ASSERT_EQUAL(NPARAMS, 221);
    for (unsigned i = 0; i < NPARAMS; i++)
        CU_ASSERT_EQUAL(k_params[i].id, i);
}

static void test_defaults_all_ids(void)
{
    for (size_t i = 0; i < NPARAMS; i++) {
        const expect *e = &k_params[i];
        JET_API_PTR v = 0xABCD;
        JET_ERR err;
        if (is_numeric(e) || (e->kind == K_RO && e->id != JET_paramErrorToString)) {
            switch (e->id) {
            case 37:   /* JET_paramPrintFunction: an address */
                CU_ASSERT_EQUAL(get_num(0, e->id, &v), JET_errSuccess);
                continue;
            case 38:   /* JET_paramTransactionLevel: needs a session */
            case 79:   /* JET_paramRecoveryCurrentLogfile: needs an instance replaying logs */
                CU_ASSERT_EQUAL(get_num(0, e->id, &v), JET_errInvalidParameter);
                continue;
            default:
                break;
            }
            err = get_num(0, e->id, &v);
            CU_ASSERT_EQUAL(err, JET_errSuccess);
            if (v != e->def)
                printf("\n  param %u: default %lu, expected %lu\n", e->id, (unsigned long)v, (unsigned long)e->def);
            CU_ASSERT_EQUAL(v, e->def);
            JET_API_PTR va = 0;
            CU_ASSERT_EQUAL(JetGetSystemParameterA(0, 0, e->id, &va, NULL, 0), JET_errSuccess);
            CU_ASSERT_EQUAL(va, e->def);
        } else if (is_string(e)) {
            if (!str_is(0, e->id, e->sdef))
                printf("\n  param %u: default string differs from \"%s\"\n", e->id, e->sdef);
            CU_ASSERT(str_is(0, e->id, e->sdef));
        } else if (e->kind == K_UNUSED) {
            CU_ASSERT_EQUAL(get_num(0, e->id, &v), JET_errInvalidParameter);
            CU_ASSERT_EQUAL(v, 0xABCD);
        }
    }
    /* The special ones. */
    JET_API_PTR v = 0;
    CU_ASSERT_EQUAL(get_num(0, JET_paramCommitDefault, &v), JET_errSuccess);
    CU_ASSERT_EQUAL(v, 0);
    v = 77;
    CU_ASSERT_EQUAL(get_num(0, JET_paramCacheSize, &v), JET_errSuccess);
    CU_ASSERT_EQUAL(v, 0);
    CU_ASSERT_EQUAL(num_of(0, JET_paramCachedClosedTables), 64);
    CU_ASSERT_EQUAL(num_of(0, JET_paramConfiguration), JET_configDefault);
    CU_ASSERT_EQUAL(num_of(0, JET_paramEnableShrinkDatabase), 0);
    CU_ASSERT_EQUAL(num_of(0, 194), 8020);   /* JET_paramEngineFormatVersion: JET_efvUseEngineDefault reads as JET_efvWindows10Rtm */
    CU_ASSERT(str_is(0, JET_paramConfigStoreSpec, ""));
    for (unsigned id = 121; id <= 123; id++) {   /* JET_paramDBAPageAvailThreshold, DBAK1, DBAK2: nothing returned */
        v = 0xABCD;
        CU_ASSERT_EQUAL(get_num(0, id, &v), JET_errSuccess);
        CU_ASSERT_EQUAL(v, 0xABCD);
    }
    JET_UNICODEINDEX ui = { 0, 0 };
    CU_ASSERT_EQUAL(JetGetSystemParameterW(0, 0, JET_paramUnicodeIndexDefault, (JET_API_PTR *)&ui, NULL, sizeof ui), JET_errSuccess);
    CU_ASSERT_EQUAL(ui.lcid, 0x409);
    CU_ASSERT_EQUAL(ui.dwMapFlags, 0x30401);   /* LCMAP_SORTKEY | NORM_IGNORECASE | NORM_IGNOREKANATYPE | NORM_IGNOREWIDTH */
}

static void test_ids_out_of_range(void)
{
    JET_API_PTR v = 0;
    char buf[16];
    const unsigned ids[] = { 221, 222, 1000, 0x7FFFFFFFu, 0xFFFFFFFFu };
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
        CU_ASSERT_EQUAL(set_num(NULL, ids[i], 0), JET_errInvalidParameter);
        CU_ASSERT_EQUAL(get_num(0, ids[i], &v), JET_errInvalidParameter);
        CU_ASSERT_EQUAL(JetGetSystemParameterA(0, 0, ids[i], &v, buf, sizeof buf), JET_errInvalidParameter);
    }
    CU_ASSERT_EQUAL(set_num(NULL, 185, 0), JET_errInvalidParameter);   /* the unused id inside the range */
}

/* For every settable parameter: a legal value sets and reads back, an illegal one fails with
 * -1003 and changes nothing, setting the current value succeeds; read-only ones refuse every set. */
static void test_set_get_all_ids(void)
{
    for (size_t i = 0; i < NPARAMS; i++) {
        const expect *e = &k_params[i];
        JET_API_PTR value, readback, bad;
        char s[300];
        if (is_numeric(e)) {
            if (pick_valid_num(e, &value, &readback)) {
                CU_ASSERT_EQUAL(set_num(NULL, e->id, value), JET_errSuccess);
                CU_ASSERT_EQUAL(num_of(0, e->id), readback);
                CU_ASSERT_EQUAL(set_num(NULL, e->id, readback), JET_errSuccess);   /* equal value */
                CU_ASSERT_EQUAL(set_num(NULL, e->id, e->def), JET_errSuccess);
            }
            CU_ASSERT_EQUAL(set_num(NULL, e->id, e->def), JET_errSuccess);       /* equal value */
            if (pick_invalid_num(e, &bad)) {
                if (set_num(NULL, e->id, bad) != JET_errInvalidParameter)
                    printf("\n  param %u: value %lu accepted\n", e->id, (unsigned long)bad);
                CU_ASSERT_EQUAL(set_num(NULL, e->id, bad), JET_errInvalidParameter);
            }
            if (e->kind == K_BLOCK)
                CU_ASSERT_EQUAL(set_num(NULL, e->id, e->lo + 1), JET_errInvalidParameter);   /* not a power of two */
            CU_ASSERT_EQUAL(num_of(0, e->id), e->def);
        } else if (is_string(e)) {
            if (pick_valid_str(e, s, sizeof s)) {
                CU_ASSERT_EQUAL(set_str(NULL, e->id, s), JET_errSuccess);
                CU_ASSERT(str_is(0, e->id, s));
            }
            if (e->hi < sizeof s - 1) {
                memset(s, 'a', (size_t)e->hi + 1);
                s[e->hi + 1] = 0;
                CU_ASSERT_EQUAL(set_str(NULL, e->id, s), JET_errInvalidParameter);
            }
            if (e->lo > 0) {
                memset(s, 'a', (size_t)e->lo - 1);
                s[e->lo - 1] = 0;
                CU_ASSERT_EQUAL(set_str(NULL, e->id, s), JET_errInvalidParameter);
            }
            CU_ASSERT_EQUAL(set_str(NULL, e->id, e->sdef), JET_errSuccess);
            CU_ASSERT(str_is(0, e->id, e->sdef));
        } else if (e->kind == K_RO) {
            CU_ASSERT_EQUAL(set_num(NULL, e->id, e->def), JET_errInvalidParameter);
            CU_ASSERT_EQUAL(set_num(NULL, e->id, 12345), JET_errInvalidParameter);
            CU_ASSERT_EQUAL(set_str(NULL, e->id, "x"), JET_errInvalidParameter);
        } else if (e->kind == K_UNUSED) {
            CU_ASSERT_EQUAL(set_num(NULL, e->id, 1), JET_errInvalidParameter);
        }
    }
    restore_defaults();
}

static void test_set_special_ids(void)
{
    JET_API_PTR v;
    /* JET_paramCommitDefault: commit grbits only; returned as a 4-byte JET_GRBIT. */
    CU_ASSERT_EQUAL(set_num(NULL, JET_paramCommitDefault, JET_bitCommitLazyFlush), JET_errSuccess);
    CU_ASSERT_EQUAL(num_of(0, JET_paramCommitDefault), JET_bitCommitLazyFlush);
    CU_ASSERT_EQUAL(set_num(NULL, JET_paramCommitDefault, 0x4), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(set_num(NULL, JET_paramCommitDefault, 0x100), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(num_of(0, JET_paramCommitDefault), JET_bitCommitLazyFlush);
    CU_ASSERT_EQUAL(set_num(NULL, JET_paramCommitDefault, 0), JET_errSuccess);
    /* JET_paramCacheSize: accepted, but there is no cache: reads 0. */
    CU_ASSERT_EQUAL(set_num(NULL, JET_paramCacheSize, 500), JET_errSuccess);
    CU_ASSERT_EQUAL(num_of(0, JET_paramCacheSize), 0);
    /* JET_paramCachedClosedTables: a global set is ignored. */
    CU_ASSERT_EQUAL(set_num(NULL, JET_paramCachedClosedTables, 10), JET_errSuccess);
    CU_ASSERT_EQUAL(num_of(0, JET_paramCachedClosedTables), 64);
    /* JET_paramDBAPageAvailThreshold, DBAK1, DBAK2: sets are ignored. */
    for (unsigned id = 121; id <= 123; id++)
        CU_ASSERT_EQUAL(set_num(NULL, id, 99), JET_errSuccess);
    /* JET_paramEnableShrinkDatabase: only On, Realtime, Periodically; others need On. */
    CU_ASSERT_EQUAL(set_num(NULL, JET_paramEnableShrinkDatabase, JET_bitShrinkDatabaseOn), JET_errSuccess);
    CU_ASSERT_EQUAL(num_of(0, JET_paramEnableShrinkDatabase), JET_bitShrinkDatabaseOn);
    CU_ASSERT_EQUAL(set_num(NULL, JET_paramEnableShrinkDatabase, 0x8003), JET_errSuccess);
    CU_ASSERT_EQUAL(num_of(0, JET_paramEnableShrinkDatabase), 0x8003);
    CU_ASSERT_EQUAL(set_num(NULL, JET_paramEnableShrinkDatabase, JET_bitShrinkDatabaseRealtime), JET_errInvalidGrbit);
    CU_ASSERT_EQUAL(set_num(NULL, JET_paramEnableShrinkDatabase, 0x8000), JET_errInvalidGrbit);
    CU_ASSERT_EQUAL(set_num(NULL, JET_paramEnableShrinkDatabase, 0x10001), JET_errInvalidGrbit);
    CU_ASSERT_EQUAL(num_of(0, JET_paramEnableShrinkDatabase), 0x8003);
    CU_ASSERT_EQUAL(set_num(NULL, JET_paramEnableShrinkDatabase, 0), JET_errSuccess);
    /* JET_paramEngineFormatVersion (194): this engine writes up to JET_efvWindows10Rtm (8020). */
    CU_ASSERT_EQUAL(set_num(NULL, 194, 8020), JET_errSuccess);
    CU_ASSERT_EQUAL(num_of(0, 194), 8020);
    CU_ASSERT_EQUAL(set_num(NULL, 194, 1), JET_errEngineFormatVersionNoLongerSupportedTooLow);
    CU_ASSERT_EQUAL(set_num(NULL, 194, 9400), JET_errEngineFormatVersionNotYetImplementedTooHigh);
    CU_ASSERT_EQUAL(set_num(NULL, 194, 0x40000002), JET_errSuccess);   /* JET_efvUsePersistedFormat */
    CU_ASSERT_EQUAL(num_of(0, 194), 0x40000002);
    CU_ASSERT_EQUAL(set_num(NULL, 194, 0x40000001), JET_errSuccess);   /* JET_efvUseEngineDefault */
    CU_ASSERT_EQUAL(num_of(0, 194), 8020);
    /* JET_paramConfigStoreSpec: a string; NULL clears it. */
    CU_ASSERT_EQUAL(set_str(NULL, JET_paramConfigStoreSpec, "cfg"), JET_errSuccess);
    CU_ASSERT(str_is(0, JET_paramConfigStoreSpec, "cfg"));
    CU_ASSERT_EQUAL(set_str(NULL, JET_paramConfigStoreSpec, NULL), JET_errSuccess);
    CU_ASSERT(str_is(0, JET_paramConfigStoreSpec, ""));
    /* JET_paramErrorToString is read-only. */
    CU_ASSERT_EQUAL(set_num(NULL, JET_paramErrorToString, 0), JET_errInvalidParameter);
    v = 0;
    CU_ASSERT_EQUAL(get_num(0, JET_paramMaxColtyp, &v), JET_errSuccess);
    CU_ASSERT_EQUAL(v, JET_coltypMax);
    restore_defaults();
}

static void test_boolean_normalised(void)
{
    CU_ASSERT_EQUAL(set_num(NULL, JET_paramCircularLog, 5), JET_errSuccess);
    CU_ASSERT_EQUAL(num_of(0, JET_paramCircularLog), 1);
    CU_ASSERT_EQUAL(set_num(NULL, JET_paramCircularLog, MAXP), JET_errSuccess);
    CU_ASSERT_EQUAL(num_of(0, JET_paramCircularLog), 1);
    /* A 0..1 boolean refuses 2. */
    CU_ASSERT_EQUAL(set_num(NULL, 215, 2), JET_errInvalidParameter);   /* JET_paramEnableRBS */
    CU_ASSERT_EQUAL(set_num(NULL, JET_paramCircularLog, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(num_of(0, JET_paramCircularLog), 0);
    restore_defaults();
}

static void test_page_size_and_derived_values(void)
{
    static const struct { JET_API_PTR page, key, chunk, record; } k[] = {
        { 8192, 2000, 8110, 8148 },
        { 16384, 2000, 4050, 16300 },
        { 32768, 2000, 8150, 32684 },
        { 4096, 1000, 4014, 4052 },
    };
    for (size_t i = 0; i < sizeof k / sizeof k[0]; i++) {
        CU_ASSERT_EQUAL(set_num(NULL, JET_paramDatabasePageSize, k[i].page), JET_errSuccess);
        CU_ASSERT_EQUAL(num_of(0, JET_paramDatabasePageSize), k[i].page);
        CU_ASSERT_EQUAL(num_of(0, JET_paramKeyMost), k[i].key);
        CU_ASSERT_EQUAL(num_of(0, JET_paramLVChunkSizeMost), k[i].chunk);
        CU_ASSERT_EQUAL(num_of(0, 213), k[i].record);   /* JET_paramRecordSizeMost */
    }
    CU_ASSERT_EQUAL(set_num(NULL, JET_paramDatabasePageSize, 2048), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(set_num(NULL, JET_paramDatabasePageSize, 6144), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(set_num(NULL, JET_paramDatabasePageSize, 65536), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(set_num(NULL, JET_paramVerPageSize, 3072), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(set_num(NULL, JET_paramVerPageSize, 1024), JET_errSuccess);
    CU_ASSERT_EQUAL(num_of(0, JET_paramDatabasePageSize), 4096);
    restore_defaults();
}

static void test_get_argument_checks(void)
{
    JET_API_PTR v = 0x1234;
    WCHAR w[16];
    char a[16];
    CU_ASSERT_EQUAL(get_num(0, JET_paramLogFileSize, NULL), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(JetGetSystemParameterW(0, 0, JET_paramBaseName, &v, NULL, 16), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(JetGetSystemParameterW(0, 0, JET_paramBaseName, &v, w, 0), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(JetGetSystemParameterA(0, 0, JET_paramBaseName, &v, NULL, 16), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(JetGetSystemParameterA(0, 0, JET_paramBaseName, &v, a, 0), JET_errInvalidParameter);
    /* A string get leaves *plParam alone; a numeric get leaves the string buffer alone. */
    CU_ASSERT_EQUAL(JetGetSystemParameterW(0, 0, JET_paramBaseName, &v, w, sizeof w), JET_errSuccess);
    CU_ASSERT_EQUAL(v, 0x1234);
    w[0] = 'Z';
    CU_ASSERT_EQUAL(JetGetSystemParameterW(0, 0, JET_paramLogFileSize, &v, w, sizeof w), JET_errSuccess);
    CU_ASSERT_EQUAL(v, 5120);
    CU_ASSERT_EQUAL(w[0], 'Z');
    /* A string set through the A form with a NULL string stores "". */
    CU_ASSERT_EQUAL(set_str(NULL, JET_paramEventSource, NULL), JET_errSuccess);
    CU_ASSERT(str_is(0, JET_paramEventSource, ""));
    /* Per-instance parameters of a nonexistent instance handle: with no mode set, the global table. */
    JET_INSTANCE bogus = 12345;
    CU_ASSERT_EQUAL(set_num(&bogus, JET_paramLogFileSize, 1024), JET_errSuccess);
    CU_ASSERT_EQUAL(num_of(0, JET_paramLogFileSize), 1024);
    CU_ASSERT_EQUAL(num_of(bogus, JET_paramLogFileSize), 1024);
    restore_defaults();
}

/* Advanced parameters are silently ignored while JET_paramEnableAdvanced is off. */
static void test_advanced_ignored(void)
{
    CU_ASSERT_EQUAL(set_num(NULL, JET_paramEnableAdvanced, 0), JET_errSuccess);
    for (size_t i = 0; i < NPARAMS; i++) {
        const expect *e = &k_params[i];
        JET_API_PTR value, readback, bad;
        if (!e->advanced || !is_numeric(e))
            continue;
        if (pick_valid_num(e, &value, &readback))
            CU_ASSERT_EQUAL(set_num(NULL, e->id, value), JET_errSuccess);
        if (pick_invalid_num(e, &bad))
            CU_ASSERT_EQUAL(set_num(NULL, e->id, bad), JET_errSuccess);   /* not even range-checked */
        CU_ASSERT_EQUAL(num_of(0, e->id), e->def);
    }
    CU_ASSERT_EQUAL(set_num(NULL, 185, 1), JET_errSuccess);   /* the engine treats unused ids as advanced */
    CU_ASSERT_EQUAL(set_num(NULL, JET_paramLogFileSize, 1024), JET_errSuccess);   /* not advanced */
    CU_ASSERT_EQUAL(num_of(0, JET_paramLogFileSize), 1024);
    CU_ASSERT_EQUAL(set_num(NULL, JET_paramEnableAdvanced, 1), JET_errSuccess);
    CU_ASSERT_EQUAL(set_num(NULL, JET_paramMaxSessions, 100), JET_errSuccess);
    CU_ASSERT_EQUAL(num_of(0, JET_paramMaxSessions), 100);
    restore_defaults();

    /* Per instance: the instance's own switch governs its per-instance parameters; global ones
     * follow the global switch. */
    JET_INSTANCE inst;
    CU_ASSERT_EQUAL_FATAL(create(&inst, "adv"), JET_errSuccess);
    CU_ASSERT_EQUAL(set_num(&inst, JET_paramEnableAdvanced, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(set_num(&inst, JET_paramMaxSessions, 100), JET_errSuccess);
    CU_ASSERT_EQUAL(num_of(inst, JET_paramMaxSessions), 16);
    CU_ASSERT_EQUAL(set_num(&inst, JET_paramCacheSizeMax, 1000), JET_errSuccess);
    CU_ASSERT_EQUAL(num_of(0, JET_paramCacheSizeMax), 1000);
    CU_ASSERT_EQUAL(set_num(NULL, JET_paramMaxSessions, 100), JET_errSuccess);
    CU_ASSERT_EQUAL(num_of(0, JET_paramMaxSessions), 100);
    CU_ASSERT_EQUAL(num_of(inst, JET_paramMaxSessions), 16);
    CU_ASSERT_EQUAL(JetTerm(inst), JET_errSuccess);
    restore_defaults();
}

static void test_unicode_index_default(void)
{
    JET_UNICODEINDEX ui = { 0x407, 0x401 }, out = { 0, 0 };
    CU_ASSERT_EQUAL(set_num(NULL, JET_paramUnicodeIndexDefault, (JET_API_PTR)&ui), JET_errSuccess);
    CU_ASSERT_EQUAL(JetGetSystemParameterW(0, 0, JET_paramUnicodeIndexDefault, (JET_API_PTR *)&out, NULL, sizeof out), JET_errSuccess);
    CU_ASSERT_EQUAL(out.lcid, 0x407);
    CU_ASSERT_EQUAL(out.dwMapFlags, 0x401);
    CU_ASSERT_EQUAL(JetGetSystemParameterW(0, 0, JET_paramUnicodeIndexDefault, (JET_API_PTR *)&out, NULL, sizeof out - 1), JET_errBufferTooSmall);
    CU_ASSERT_EQUAL(JetGetSystemParameterW(0, 0, JET_paramUnicodeIndexDefault, NULL, NULL, sizeof out), JET_errInvalidParameter);
    JET_UNICODEINDEX bad = { 0x409, 0x40000000 };
    CU_ASSERT_EQUAL(set_num(NULL, JET_paramUnicodeIndexDefault, (JET_API_PTR)&bad), JET_errInvalidParameter);
    /* An instance created now starts with the global value. */
    JET_INSTANCE inst;
    CU_ASSERT_EQUAL_FATAL(create(&inst, "unicode"), JET_errSuccess);
    memset(&out, 0, sizeof out);
    CU_ASSERT_EQUAL(JetGetSystemParameterW(inst, 0, JET_paramUnicodeIndexDefault, (JET_API_PTR *)&out, NULL, sizeof out), JET_errSuccess);
    CU_ASSERT_EQUAL(out.lcid, 0x407);
    CU_ASSERT_EQUAL(set_num(&inst, JET_paramUnicodeIndexDefault, 0), JET_errSuccess);   /* NULL: back to the default */
    CU_ASSERT_EQUAL(JetGetSystemParameterW(inst, 0, JET_paramUnicodeIndexDefault, (JET_API_PTR *)&out, NULL, sizeof out), JET_errSuccess);
    CU_ASSERT_EQUAL(out.lcid, 0x409);
    CU_ASSERT_EQUAL(out.dwMapFlags, 0x30401);
    CU_ASSERT_EQUAL(JetGetSystemParameterW(0, 0, JET_paramUnicodeIndexDefault, (JET_API_PTR *)&out, NULL, sizeof out), JET_errSuccess);
    CU_ASSERT_EQUAL(out.lcid, 0x407);
    CU_ASSERT_EQUAL(JetTerm(inst), JET_errSuccess);
    restore_defaults();
}

/* ---- scope ---- */

static void test_instance_default_from_global(void)
{
    CU_ASSERT_EQUAL(set_num(NULL, JET_paramLogFileSize, 1024), JET_errSuccess);
    CU_ASSERT_EQUAL(set_str(NULL, JET_paramBaseName, "abc"), JET_errSuccess);
    JET_INSTANCE a, b;
    CU_ASSERT_EQUAL_FATAL(create(&a, "scope-a"), JET_errSuccess);
    CU_ASSERT_EQUAL(num_of(a, JET_paramLogFileSize), 1024);
    CU_ASSERT(str_is(a, JET_paramBaseName, "abc"));
    CU_ASSERT_EQUAL(set_num(&a, JET_paramLogFileSize, 2048), JET_errSuccess);
    CU_ASSERT_EQUAL(set_str(&a, JET_paramBaseName, "xyz"), JET_errSuccess);
    CU_ASSERT_EQUAL(num_of(a, JET_paramLogFileSize), 2048);
    CU_ASSERT_EQUAL(num_of(0, JET_paramLogFileSize), 1024);
    CU_ASSERT(str_is(0, JET_paramBaseName, "abc"));
    CU_ASSERT_EQUAL_FATAL(create(&b, "scope-b"), JET_errSuccess);
    CU_ASSERT_EQUAL(num_of(b, JET_paramLogFileSize), 1024);
    CU_ASSERT(str_is(b, JET_paramBaseName, "abc"));
    /* A later global change does not reach existing instances. */
    CU_ASSERT_EQUAL(set_num(NULL, JET_paramLogFileSize, 4096), JET_errSuccess);
    CU_ASSERT_EQUAL(num_of(a, JET_paramLogFileSize), 2048);
    CU_ASSERT_EQUAL(num_of(b, JET_paramLogFileSize), 1024);
    CU_ASSERT_EQUAL(JetTerm(a), JET_errSuccess);
    CU_ASSERT_EQUAL(JetTerm(b), JET_errSuccess);
    restore_defaults();
}

/* Every settable parameter: a per-instance one set on an instance changes only that instance; a
 * global one set through an instance handle changes the global value. */
static void test_scope_all_ids(void)
{
    JET_INSTANCE a, b;
    CU_ASSERT_EQUAL_FATAL(create(&a, "all-a"), JET_errSuccess);
    CU_ASSERT_EQUAL_FATAL(create(&b, "all-b"), JET_errSuccess);
    for (size_t i = 0; i < NPARAMS; i++) {
        const expect *e = &k_params[i];
        JET_API_PTR value, readback;
        char s[300];
        if (is_numeric(e) && pick_valid_num(e, &value, &readback)) {
            if (!e->global) {
                CU_ASSERT_EQUAL(set_num(&a, e->id, value), JET_errSuccess);
                CU_ASSERT_EQUAL(num_of(a, e->id), readback);
                CU_ASSERT_EQUAL(num_of(b, e->id), e->def);
                CU_ASSERT_EQUAL(num_of(0, e->id), e->def);
                CU_ASSERT_EQUAL(set_num(&a, e->id, e->def), JET_errSuccess);
            } else if (e->lock == L_MODE) {
                CU_ASSERT_EQUAL(set_num(&a, e->id, value), JET_errAlreadyInitialized);
                CU_ASSERT_EQUAL(num_of(a, e->id), e->def);
            } else {
                CU_ASSERT_EQUAL(set_num(&a, e->id, value), JET_errSuccess);
                CU_ASSERT_EQUAL(num_of(0, e->id), readback);
                CU_ASSERT_EQUAL(num_of(b, e->id), readback);
                CU_ASSERT_EQUAL(set_num(NULL, e->id, e->def), JET_errSuccess);
            }
        } else if (is_string(e) && pick_valid_str(e, s, sizeof s)) {
            if (!e->global) {
                CU_ASSERT_EQUAL(set_str(&a, e->id, s), JET_errSuccess);
                CU_ASSERT(str_is(a, e->id, s));
                CU_ASSERT(str_is(b, e->id, e->sdef));
                CU_ASSERT(str_is(0, e->id, e->sdef));
            } else if (e->lock == L_MODE) {
                CU_ASSERT_EQUAL(set_str(&a, e->id, s), JET_errAlreadyInitialized);
            } else {
                CU_ASSERT_EQUAL(set_str(&a, e->id, s), JET_errSuccess);
                CU_ASSERT(str_is(b, e->id, s));
                CU_ASSERT_EQUAL(set_str(NULL, e->id, e->sdef), JET_errSuccess);
            }
        }
    }
    CU_ASSERT_EQUAL(JetTerm(a), JET_errSuccess);
    CU_ASSERT_EQUAL(JetTerm(b), JET_errSuccess);
    restore_defaults();
}

/* ---- timing ---- */

/* With one initialized and one created instance: before-JetInit parameters refuse changes on the
 * initialized one only, mode-locked ones everywhere, any-time ones nowhere. */
static void test_timing_all_ids(void)
{
    JET_INSTANCE a, b;
    CU_ASSERT_EQUAL_FATAL(create_and_init(&a, "timing-a"), JET_errSuccess);
    CU_ASSERT_EQUAL_FATAL(create(&b, "timing-b"), JET_errSuccess);
    for (size_t i = 0; i < NPARAMS; i++) {
        const expect *e = &k_params[i];
        JET_API_PTR value, readback;
        char s[300];
        if (e->id == JET_paramSystemPath || e->id == JET_paramLogFilePath || e->id == JET_paramCreatePathIfNotExist)
            continue;   /* set by create_and_init */
        if (is_numeric(e) && pick_valid_num(e, &value, &readback)) {
            switch (e->lock) {
            case L_INIT:
                CU_ASSERT_EQUAL(set_num(&a, e->id, value), JET_errAlreadyInitialized);
                CU_ASSERT_EQUAL(set_num(&a, e->id, e->def), JET_errSuccess);   /* equal value */
                CU_ASSERT_EQUAL(num_of(a, e->id), e->def);
                CU_ASSERT_EQUAL(set_num(&b, e->id, value), JET_errSuccess);
                CU_ASSERT_EQUAL(num_of(b, e->id), readback);
                CU_ASSERT_EQUAL(set_num(&b, e->id, e->def), JET_errSuccess);
                /* The global value is only the default of instances created later: settable. */
                CU_ASSERT_EQUAL(set_num(NULL, e->id, value), JET_errSuccess);
                CU_ASSERT_EQUAL(set_num(NULL, e->id, e->def), JET_errSuccess);
                break;
            case L_MODE:
                CU_ASSERT_EQUAL(set_num(NULL, e->id, value), JET_errAlreadyInitialized);
                CU_ASSERT_EQUAL(set_num(&b, e->id, value), JET_errAlreadyInitialized);
                CU_ASSERT_EQUAL(set_num(NULL, e->id, e->def), JET_errSuccess);   /* equal value */
                CU_ASSERT_EQUAL(num_of(0, e->id), e->def);
                break;
            default:
                CU_ASSERT_EQUAL(set_num(&a, e->id, value), JET_errSuccess);
                CU_ASSERT_EQUAL(num_of(a, e->id), readback);
                CU_ASSERT_EQUAL(set_num(e->global ? NULL : &a, e->id, e->def), JET_errSuccess);
                break;
            }
        } else if (is_string(e) && pick_valid_str(e, s, sizeof s)) {
            switch (e->lock) {
            case L_INIT:
                CU_ASSERT_EQUAL(set_str(&a, e->id, s), JET_errAlreadyInitialized);
                /* Strings are never "equal": the engine compares the caller's pointer. */
                CU_ASSERT_EQUAL(set_str(&a, e->id, e->sdef), JET_errAlreadyInitialized);
                CU_ASSERT_EQUAL(set_str(&b, e->id, s), JET_errSuccess);
                CU_ASSERT(str_is(b, e->id, s));
                CU_ASSERT_EQUAL(set_str(NULL, e->id, s), JET_errSuccess);
                CU_ASSERT_EQUAL(set_str(NULL, e->id, e->sdef), JET_errSuccess);
                break;
            case L_MODE:
                CU_ASSERT_EQUAL(set_str(NULL, e->id, s), JET_errAlreadyInitialized);
                CU_ASSERT_EQUAL(set_str(NULL, e->id, e->sdef), JET_errAlreadyInitialized);
                break;
            default:
                CU_ASSERT_EQUAL(set_str(&a, e->id, s), JET_errSuccess);
                CU_ASSERT_EQUAL(set_str(e->global ? NULL : &a, e->id, e->sdef), JET_errSuccess);
                break;
            }
        }
    }
    CU_ASSERT_EQUAL(set_num(&a, JET_paramConfiguration, JET_configDefault), JET_errAlreadyInitialized);
    CU_ASSERT_EQUAL(set_num(&b, JET_paramConfiguration, JET_configDefault), JET_errSuccess);
    CU_ASSERT_EQUAL(JetTerm(a), JET_errSuccess);
    CU_ASSERT_EQUAL(JetTerm(b), JET_errSuccess);
    restore_defaults();
}

static void test_mode_lock_released_by_last_term(void)
{
    CU_ASSERT_EQUAL(set_num(NULL, JET_paramMaxInstances, 20), JET_errSuccess);
    CU_ASSERT_EQUAL(set_num(NULL, JET_paramMaxInstances, 16), JET_errSuccess);
    JET_INSTANCE inst;
    CU_ASSERT_EQUAL_FATAL(create(&inst, "mode"), JET_errSuccess);
    CU_ASSERT_EQUAL(set_num(NULL, JET_paramMaxInstances, 20), JET_errAlreadyInitialized);
    CU_ASSERT_EQUAL(set_num(&inst, JET_paramMaxInstances, 20), JET_errAlreadyInitialized);
    CU_ASSERT_EQUAL(set_num(&inst, JET_paramMaxInstances, 16), JET_errSuccess);   /* equal value */
    CU_ASSERT_EQUAL(set_num(NULL, JET_paramDatabasePageSize, 8192), JET_errAlreadyInitialized);
    CU_ASSERT_EQUAL(set_num(NULL, JET_paramDatabasePageSize, 4096), JET_errSuccess);
    /* Out of range but locked: the lock is checked first. */
    CU_ASSERT_EQUAL(set_num(NULL, JET_paramMaxInstances, 0), JET_errAlreadyInitialized);
    CU_ASSERT_EQUAL(set_num(NULL, JET_paramConfiguration, JET_configDefault), JET_errAlreadyInitialized);
    CU_ASSERT_EQUAL(JetTerm(inst), JET_errSuccess);
    /* The last instance is gone: no mode, settable again. */
    CU_ASSERT_EQUAL(set_num(NULL, JET_paramDatabasePageSize, 8192), JET_errSuccess);
    CU_ASSERT_EQUAL(num_of(0, JET_paramDatabasePageSize), 8192);
    restore_defaults();
    CU_ASSERT_EQUAL(num_of(0, JET_paramDatabasePageSize), 4096);
}

static void test_legacy_instance_is_the_target(void)
{
    CU_ASSERT_EQUAL_FATAL(set_num(NULL, JET_paramMaxTemporaryTables, 0), JET_errSuccess);
    CU_ASSERT_EQUAL_FATAL(JetInit(NULL), JET_errSuccess);
    /* One-instance mode: the single (running) instance, whatever the handle says. */
    CU_ASSERT_EQUAL(set_num(NULL, JET_paramLogFileSize, 1024), JET_errAlreadyInitialized);
    CU_ASSERT_EQUAL(set_num(NULL, JET_paramLogFileSize, 5120), JET_errSuccess);
    CU_ASSERT_EQUAL(set_num(NULL, JET_paramCircularLog, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(set_num(NULL, JET_paramCreatePathIfNotExist, 1), JET_errSuccess);
    CU_ASSERT_EQUAL(num_of(0, JET_paramCreatePathIfNotExist), 1);
    CU_ASSERT_EQUAL(num_of(0, JET_paramMaxTemporaryTables), 0);
    CU_ASSERT_EQUAL(JetTerm(0), JET_errSuccess);
    CU_ASSERT_EQUAL(num_of(0, JET_paramCreatePathIfNotExist), 0);   /* the global table was not changed */
    restore_defaults();
}

/* ---- strings ---- */

static void test_base_name_exactly_three(void)
{
    CU_ASSERT_EQUAL(set_str(NULL, JET_paramBaseName, "ab"), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(set_str(NULL, JET_paramBaseName, "abcd"), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(set_str(NULL, JET_paramBaseName, ""), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(set_str(NULL, JET_paramBaseName, NULL), JET_errInvalidParameter);
    CU_ASSERT(str_is(0, JET_paramBaseName, "edb"));
    CU_ASSERT_EQUAL(set_str(NULL, JET_paramBaseName, "res"), JET_errSuccess);
    CU_ASSERT(str_is(0, JET_paramBaseName, "res"));
    restore_defaults();
    CU_ASSERT(str_is(0, JET_paramBaseName, "edb"));
}

static void test_buffer_too_small(void)
{
    WCHAR w[8];
    char a[8];
    /* ".\" needs 3 UTF-16 units (6 bytes) or 3 bytes. */
    CU_ASSERT_EQUAL(JetGetSystemParameterW(0, 0, JET_paramSystemPath, NULL, w, 5), JET_errBufferTooSmall);
    CU_ASSERT_EQUAL(JetGetSystemParameterW(0, 0, JET_paramSystemPath, NULL, w, 4), JET_errBufferTooSmall);
    CU_ASSERT_EQUAL(JetGetSystemParameterW(0, 0, JET_paramSystemPath, NULL, w, 6), JET_errSuccess);
    CU_ASSERT(w[0] == '.' && w[1] == '\\' && w[2] == 0);
    CU_ASSERT_EQUAL(JetGetSystemParameterA(0, 0, JET_paramSystemPath, NULL, a, 2), JET_errBufferTooSmall);
    CU_ASSERT_EQUAL(JetGetSystemParameterA(0, 0, JET_paramSystemPath, NULL, a, 3), JET_errSuccess);
    CU_ASSERT_STRING_EQUAL(a, ".\\");
    CU_ASSERT_EQUAL(JetGetSystemParameterW(0, 0, JET_paramBaseName, NULL, w, 7), JET_errBufferTooSmall);
    CU_ASSERT_EQUAL(JetGetSystemParameterW(0, 0, JET_paramBaseName, NULL, w, 8), JET_errSuccess);
    CU_ASSERT_EQUAL(JetGetSystemParameterA(0, 0, JET_paramBaseName, NULL, a, 3), JET_errBufferTooSmall);
    CU_ASSERT_EQUAL(JetGetSystemParameterA(0, 0, JET_paramBaseName, NULL, a, 4), JET_errSuccess);
    /* "" needs just the terminator. */
    CU_ASSERT_EQUAL(JetGetSystemParameterW(0, 0, JET_paramEventSource, NULL, w, 2), JET_errSuccess);
    CU_ASSERT_EQUAL(JetGetSystemParameterA(0, 0, JET_paramEventSource, NULL, a, 1), JET_errSuccess);
}

static void test_non_ascii_path(void)
{
    /* "pär/" in UTF-16 */
    static const WCHAR w_par[] = { 'p', 0x00E4, 'r', '/', 0 };
    WCHAR w[64];
    char a[64];
    CU_ASSERT_EQUAL(JetSetSystemParameterW(NULL, 0, JET_paramSystemPath, 0, w_par), JET_errSuccess);
    CU_ASSERT_EQUAL(JetGetSystemParameterW(0, 0, JET_paramSystemPath, NULL, w, sizeof w), JET_errSuccess);
    CU_ASSERT(wsame(w, w_par));
    CU_ASSERT_EQUAL(JetGetSystemParameterA(0, 0, JET_paramSystemPath, NULL, a, sizeof a), JET_errSuccess);
#ifndef _WIN32
    /* The ANSI code page is UTF-8 here. */
    CU_ASSERT_STRING_EQUAL(a, "p\xC3\xA4r/");
    CU_ASSERT_EQUAL(JetGetSystemParameterA(0, 0, JET_paramSystemPath, NULL, a, 5), JET_errBufferTooSmall);
    CU_ASSERT_EQUAL(set_str(NULL, JET_paramLogFilePath, "q\xC3\xB6/\xF0\x9F\x98\x80"), JET_errSuccess);
    static const WCHAR w_q[] = { 'q', 0x00F6, '/', 0xD83D, 0xDE00, 0 };
    CU_ASSERT_EQUAL(JetGetSystemParameterW(0, 0, JET_paramLogFilePath, NULL, w, sizeof w), JET_errSuccess);
    CU_ASSERT(wsame(w, w_q));
    CU_ASSERT_EQUAL(JetGetSystemParameterA(0, 0, JET_paramLogFilePath, NULL, a, sizeof a), JET_errSuccess);
    CU_ASSERT_STRING_EQUAL(a, "q\xC3\xB6/\xF0\x9F\x98\x80");
#else
    /* Through the process code page and back. */
    CU_ASSERT_EQUAL(set_str(NULL, JET_paramLogFilePath, a), JET_errSuccess);
    CU_ASSERT_EQUAL(JetGetSystemParameterW(0, 0, JET_paramLogFilePath, NULL, w, sizeof w), JET_errSuccess);
    CU_ASSERT(wsame(w, w_par));
#endif
    restore_defaults();
}

static void expect_error_text(JET_ERR code, const char *text)
{
    WCHAR w[300];
    char a[300];
    JET_API_PTR v = (JET_API_PTR)(uint32_t)code;
    CU_ASSERT_EQUAL(JetGetSystemParameterA(0, 0, JET_paramErrorToString, &v, a, sizeof a), JET_errSuccess);
    if (strcmp(a, text) != 0)
        printf("\n  %d: \"%s\"\n", (int)code, a);
    CU_ASSERT_STRING_EQUAL(a, text);
    /* Callers commonly pass the address of a JET_ERR: only its 4 bytes are read. */
    JET_ERR err = code;
    CU_ASSERT_EQUAL(JetGetSystemParameterW(0, 0, JET_paramErrorToString, (JET_API_PTR *)&err, w, sizeof w), JET_errSuccess);
    size_t n = strlen(text);
    CU_ASSERT_EQUAL(wlen(w), n);
    for (size_t i = 0; i < n && i < wlen(w); i++)
        CU_ASSERT_EQUAL(w[i], (WCHAR)(unsigned char)text[i]);
}

static void test_error_to_string(void)
{
    expect_error_text(JET_errSuccess, "JET_errSuccess, Successful Operation");
    expect_error_text(JET_errInvalidParameter, "JET_errInvalidParameter, Invalid API parameter");
    expect_error_text(JET_errBufferTooSmall, "JET_errBufferTooSmall, Buffer is too small");
    expect_error_text(JET_errAlreadyInitialized, "JET_errAlreadyInitialized, Database engine already initialized");
    expect_error_text(JET_errNotInitialized, "JET_errNotInitialized, Database engine not initialized");
    expect_error_text(JET_errOutOfMemory, "JET_errOutOfMemory, Out of Memory");
    expect_error_text(JET_errSystemParamsAlreadySet, "JET_errSystemParamsAlreadySet, Global system parameters have already been set");
    expect_error_text(JET_errSystemParameterConflict, "JET_errSystemParameterConflict, Global system parameters have already been set, but to a conflicting or disagreeable state to the specified values.");
    expect_error_text(JET_errRecordNotFound, "JET_errRecordNotFound, The key was not found");
    expect_error_text(JET_errKeyDuplicate, "JET_errKeyDuplicate, Illegal duplicate key");
    expect_error_text(JET_errFileNotFound, "JET_errFileNotFound, File not found");
    expect_error_text(JET_errDatabaseCorrupted, "JET_errDatabaseCorrupted, Non database file or corrupted db");
    expect_error_text(JET_errInvalidSesid, "JET_errInvalidSesid, Invalid session handle");
    expect_error_text(JET_wrnColumnNull, "JET_wrnColumnNull, Column is NULL-valued");
    expect_error_text(JET_wrnBufferTruncated, "JET_wrnBufferTruncated, Buffer too small for data");
    /* Unknown codes, and an internal code with no text. */
    expect_error_text(-12345, "Unknown Error, Unknown Error");
    expect_error_text(7777, "Unknown Error, Unknown Error");
    expect_error_text(-4006, "Unknown Error, Unknown Error");

    JET_API_PTR v = (JET_API_PTR)(uint32_t)JET_errInvalidParameter;
    WCHAR w[64];
    char a[64];
    /* "JET_errInvalidParameter, Invalid API parameter" is 46 characters. */
    CU_ASSERT_EQUAL(JetGetSystemParameterW(0, 0, JET_paramErrorToString, &v, w, 46 * sizeof(WCHAR)), JET_errBufferTooSmall);
    CU_ASSERT_EQUAL(JetGetSystemParameterW(0, 0, JET_paramErrorToString, &v, w, 47 * sizeof(WCHAR)), JET_errSuccess);
    CU_ASSERT_EQUAL(JetGetSystemParameterA(0, 0, JET_paramErrorToString, &v, a, 46), JET_errBufferTooSmall);
    CU_ASSERT_EQUAL(JetGetSystemParameterA(0, 0, JET_paramErrorToString, &v, a, 47), JET_errSuccess);
    CU_ASSERT_EQUAL(JetGetSystemParameterW(0, 0, JET_paramErrorToString, NULL, w, sizeof w), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(JetGetSystemParameterA(0, 0, JET_paramErrorToString, NULL, a, sizeof a), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(JetGetSystemParameterW(0, 0, JET_paramErrorToString, &v, NULL, sizeof w), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(JetGetSystemParameterW(0, 0, JET_paramErrorToString, &v, w, 0), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(JetSetSystemParameterW(NULL, 0, JET_paramErrorToString, v, NULL), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(JetSetSystemParameterA(NULL, 0, JET_paramErrorToString, 0, "x"), JET_errInvalidParameter);
}

/* ---- JET_paramConfiguration ---- */

static void test_configuration_default_resets(void)
{
    CU_ASSERT_EQUAL(set_num(NULL, JET_paramMaxSessions, 100), JET_errSuccess);
    CU_ASSERT_EQUAL(set_num(NULL, JET_paramLogFileSize, 1024), JET_errSuccess);
    CU_ASSERT_EQUAL(set_num(NULL, JET_paramDatabasePageSize, 8192), JET_errSuccess);
    CU_ASSERT_EQUAL(set_num(NULL, JET_paramCircularLog, 1), JET_errSuccess);
    CU_ASSERT_EQUAL(set_num(NULL, JET_paramOSSnapshotTimeout, 5), JET_errSuccess);
    CU_ASSERT_EQUAL(set_str(NULL, JET_paramBaseName, "abc"), JET_errSuccess);
    CU_ASSERT_EQUAL(set_str(NULL, JET_paramSystemPath, "elsewhere/"), JET_errSuccess);
    CU_ASSERT_EQUAL(set_num(NULL, JET_paramConfiguration, 0x800), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(num_of(0, JET_paramMaxSessions), 100);
    CU_ASSERT_EQUAL(set_num(NULL, JET_paramConfiguration, JET_configDefault), JET_errSuccess);
    CU_ASSERT_EQUAL(num_of(0, JET_paramConfiguration), JET_configDefault);
    for (size_t i = 0; i < NPARAMS; i++) {
        const expect *e = &k_params[i];
        if (is_numeric(e)) {
            CU_ASSERT_EQUAL(num_of(0, e->id), e->def);
        } else if (is_string(e)) {
            CU_ASSERT(str_is(0, e->id, e->sdef));
        }
    }
}

static void expect_small_column(void)
{
    for (size_t i = 0; i < NPARAMS; i++) {
        const expect *e = &k_params[i];
        if (is_numeric(e)) {
            if (num_of(0, e->id) != e->small)
                printf("\n  param %u: %lu, expected small %lu\n", e->id, (unsigned long)num_of(0, e->id), (unsigned long)e->small);
            CU_ASSERT_EQUAL(num_of(0, e->id), e->small);
        } else if (is_string(e)) {
            CU_ASSERT(str_is(0, e->id, e->sdef));
        }
    }
}

static void test_configuration_low_memory(void)
{
    CU_ASSERT_EQUAL(set_num(NULL, JET_paramConfiguration, JET_configDefault | JET_configLowMemory), JET_errSuccess);
    CU_ASSERT_EQUAL(num_of(0, JET_paramConfiguration), 0x11);
    expect_small_column();
    CU_ASSERT_EQUAL(num_of(0, JET_paramMaxSessions), 30000);
    CU_ASSERT_EQUAL(num_of(0, JET_paramLogFileSize), 64);
    CU_ASSERT_EQUAL(num_of(0, JET_paramCacheSizeMax), 16);
    CU_ASSERT_EQUAL(num_of(0, JET_paramVerPageSize), 8192);
    restore_defaults();
    /* The legacy value 0 is the same "small" configuration, and reads back as 0. */
    CU_ASSERT_EQUAL(set_num(NULL, JET_paramConfiguration, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(num_of(0, JET_paramConfiguration), 0);
    expect_small_column();
    restore_defaults();
    /* Without the default bit, LowMemory adds to the configuration in effect. */
    CU_ASSERT_EQUAL(set_num(NULL, JET_paramLogFileSize, 1024), JET_errSuccess);
    CU_ASSERT_EQUAL(set_num(NULL, JET_paramOSSnapshotTimeout, 5), JET_errSuccess);
    CU_ASSERT_EQUAL(set_num(NULL, JET_paramConfiguration, JET_configLowMemory), JET_errSuccess);
    CU_ASSERT_EQUAL(num_of(0, JET_paramConfiguration), 0x11);
    CU_ASSERT_EQUAL(num_of(0, JET_paramLogFileSize), 64);          /* small differs: taken */
    CU_ASSERT_EQUAL(num_of(0, JET_paramOSSnapshotTimeout), 5);     /* small equals default: kept */
    restore_defaults();
}

static void test_configuration_override_sets(void)
{
    /* RunSilent on top of the default configuration: cumulative, no reset. */
    CU_ASSERT_EQUAL(set_num(NULL, JET_paramLogFileSize, 1024), JET_errSuccess);
    CU_ASSERT_EQUAL(set_num(NULL, JET_paramConfiguration, JET_configRunSilent), JET_errSuccess);
    CU_ASSERT_EQUAL(num_of(0, JET_paramConfiguration), 0x101);
    CU_ASSERT_EQUAL(num_of(0, JET_paramNoInformationEvent), 1);
    CU_ASSERT_EQUAL(num_of(0, JET_paramEventLoggingLevel), 0);
    CU_ASSERT_EQUAL(num_of(0, JET_paramDisablePerfmon), 1);
    CU_ASSERT_EQUAL(num_of(0, JET_paramLogFileSize), 1024);
    /* LowDiskFootprint. */
    CU_ASSERT_EQUAL(set_num(NULL, JET_paramConfiguration, JET_configLowDiskFootprint), JET_errSuccess);
    CU_ASSERT_EQUAL(num_of(0, JET_paramConfiguration), 0x105);
    CU_ASSERT_EQUAL(num_of(0, JET_paramCircularLog), 1);
    CU_ASSERT_EQUAL(num_of(0, JET_paramLogFileSize), 64);
    CU_ASSERT_EQUAL(num_of(0, JET_paramCheckpointDepthMax), 512 * 1024);
    CU_ASSERT_EQUAL(num_of(0, JET_paramDbExtensionSize), 16);
    CU_ASSERT_EQUAL(num_of(0, JET_paramPageTempDBMin), 14);
    /* MediumDiskFootprint: bytes are converted to 4 KiB pages. */
    CU_ASSERT_EQUAL(set_num(NULL, JET_paramConfiguration, JET_configMediumDiskFootprint), JET_errSuccess);
    CU_ASSERT_EQUAL(num_of(0, JET_paramConfiguration), 0x10D);
    CU_ASSERT_EQUAL(num_of(0, JET_paramDbExtensionSize), 128);
    CU_ASSERT_EQUAL(num_of(0, JET_paramPageTempDBMin), 30);
    CU_ASSERT_EQUAL(num_of(0, JET_paramLogFileSize), 512);
    CU_ASSERT_EQUAL(num_of(0, JET_paramCheckpointDepthMax), 4 * 1024 * 1024);
    /* The default bit starts over. DynamicMediumMemory. */
    CU_ASSERT_EQUAL(set_num(NULL, JET_paramConfiguration, JET_configDefault | JET_configDynamicMediumMemory), JET_errSuccess);
    CU_ASSERT_EQUAL(num_of(0, JET_paramConfiguration), 0x21);
    CU_ASSERT_EQUAL(num_of(0, JET_paramLogFileSize), 5120);
    CU_ASSERT_EQUAL(num_of(0, JET_paramNoInformationEvent), 0);
    CU_ASSERT_EQUAL(num_of(0, JET_paramMaxInstances), 1);
    CU_ASSERT_EQUAL(num_of(0, JET_paramLogBuffers), 512);
    CU_ASSERT_EQUAL(num_of(0, JET_paramPageHintCacheSize), 64);
    CU_ASSERT_EQUAL(num_of(0, JET_paramEnableFileCache), 1);
    CU_ASSERT_EQUAL(num_of(0, JET_paramEnableViewCache), 1);
    CU_ASSERT_EQUAL(num_of(0, JET_paramCacheSizeMin), 32);
    CU_ASSERT_EQUAL(num_of(0, JET_paramCacheSizeMax), 1280);
    CU_ASSERT_EQUAL(num_of(0, JET_paramStartFlushThreshold), 25);
    CU_ASSERT_EQUAL(num_of(0, JET_paramStopFlushThreshold), 38);
    CU_ASSERT_EQUAL(num_of(0, JET_paramLRUKHistoryMax), 1000);
    CU_ASSERT_EQUAL(num_of(0, JET_paramGlobalMinVerPages), 1);
    CU_ASSERT_EQUAL(num_of(0, JET_paramVerPageSize), 8192);
    CU_ASSERT_EQUAL(num_of(0, JET_paramOutstandingIOMax), 48);
    /* SSDProfileIO. */
    CU_ASSERT_EQUAL(set_num(NULL, JET_paramConfiguration, JET_configDefault | JET_configSSDProfileIO), JET_errSuccess);
    CU_ASSERT_EQUAL(num_of(0, JET_paramConfiguration), 0x81);
    CU_ASSERT_EQUAL(num_of(0, JET_paramMaxCoalesceReadSize), 256 * 1024);
    CU_ASSERT_EQUAL(num_of(0, JET_paramMaxCoalesceWriteSize), 256 * 1024);
    CU_ASSERT_EQUAL(num_of(0, JET_paramMaxCoalesceReadGapSize), 512 * 1024);
    CU_ASSERT_EQUAL(num_of(0, JET_paramMaxCoalesceWriteGapSize), 0);
    CU_ASSERT_EQUAL(num_of(0, JET_paramOutstandingIOMax), 16);
    CU_ASSERT_EQUAL(num_of(0, JET_paramPrereadIOMax), 5);
    CU_ASSERT_EQUAL(num_of(0, JET_paramMaxInstances), 16);
    /* RemoveQuotas. */
    CU_ASSERT_EQUAL(set_num(NULL, JET_paramConfiguration, JET_configDefault | JET_configRemoveQuotas), JET_errSuccess);
    CU_ASSERT_EQUAL(num_of(0, JET_paramMaxOpenTables), 0x7FFFFFFF);
    CU_ASSERT_EQUAL(num_of(0, JET_paramMaxCursors), 0x7FFFFFFF);
    CU_ASSERT_EQUAL(num_of(0, JET_paramMaxVerPages), 0x7FFFFFFF);
    CU_ASSERT_EQUAL(num_of(0, JET_paramMaxTemporaryTables), 0x7FFFFFFF);
    CU_ASSERT_EQUAL(num_of(0, JET_paramPreferredVerPages), 0x7FFFFFFF);
    CU_ASSERT_EQUAL(num_of(0, JET_paramMaxSessions), 30000);
    CU_ASSERT_EQUAL(num_of(0, JET_paramLogFileSize), 5120);
    /* With 32 KiB pages: 64 KiB logs become 128 KiB; 512 KiB extension is 16 pages. */
    restore_defaults();
    CU_ASSERT_EQUAL(set_num(NULL, JET_paramDatabasePageSize, 32768), JET_errSuccess);
    CU_ASSERT_EQUAL(set_num(NULL, JET_paramConfiguration, JET_configLowDiskFootprint), JET_errSuccess);
    CU_ASSERT_EQUAL(num_of(0, JET_paramLogFileSize), 128);
    CU_ASSERT_EQUAL(set_num(NULL, JET_paramConfiguration, JET_configMediumDiskFootprint), JET_errSuccess);
    CU_ASSERT_EQUAL(num_of(0, JET_paramDbExtensionSize), 16);
    /* Bits that change no parameter. */
    restore_defaults();
    CU_ASSERT_EQUAL(set_num(NULL, JET_paramConfiguration, JET_configDefault | JET_configLowPower |
                            JET_configUnthrottledMemory | JET_configHighConcurrencyScaling), JET_errSuccess);
    CU_ASSERT_EQUAL(num_of(0, JET_paramConfiguration), 0x641);
    CU_ASSERT_EQUAL(num_of(0, JET_paramMaxSessions), 16);
    restore_defaults();
}

static void test_configuration_on_an_instance(void)
{
    JET_INSTANCE inst;
    CU_ASSERT_EQUAL_FATAL(create(&inst, "config"), JET_errSuccess);
    CU_ASSERT_EQUAL(set_num(&inst, JET_paramLogFileSize, 2048), JET_errSuccess);
    CU_ASSERT_EQUAL(set_num(&inst, JET_paramConfiguration, JET_configDefault | JET_configLowMemory), JET_errSuccess);
    CU_ASSERT_EQUAL(num_of(inst, JET_paramConfiguration), 0x11);
    CU_ASSERT_EQUAL(num_of(inst, JET_paramLogFileSize), 64);
    CU_ASSERT_EQUAL(num_of(inst, JET_paramMaxSessions), 30000);
    /* Global parameters and the global table are left alone. */
    CU_ASSERT_EQUAL(num_of(0, JET_paramConfiguration), JET_configDefault);
    CU_ASSERT_EQUAL(num_of(0, JET_paramMaxSessions), 16);
    CU_ASSERT_EQUAL(num_of(0, JET_paramCacheSizeMax), 2000000000);
    CU_ASSERT_EQUAL(set_num(&inst, JET_paramConfiguration, JET_configDefault), JET_errSuccess);
    CU_ASSERT_EQUAL(num_of(inst, JET_paramLogFileSize), 5120);
    CU_ASSERT_EQUAL(num_of(inst, JET_paramMaxSessions), 16);
    /* Once an instance exists the global configuration is fixed. */
    CU_ASSERT_EQUAL(set_num(NULL, JET_paramConfiguration, JET_configDefault), JET_errAlreadyInitialized);
    CU_ASSERT_EQUAL(JetTerm(inst), JET_errSuccess);
    restore_defaults();
}

/* ---- JetEnableMultiInstance ---- */

/* Leaves multi-instance mode (entered without an instance) by creating and freeing one. */
static void leave_multi_mode(void)
{
    JET_INSTANCE inst;
    CU_ASSERT_EQUAL(create(&inst, "leave"), JET_errSuccess);
    CU_ASSERT_EQUAL(JetTerm(inst), JET_errSuccess);
}

static void test_enable_multi_instance(void)
{
    static const WCHAR w_multi[] = { 'm', 'u', 'l', 't', 'i', '\\', 0 };
    static const WCHAR w_other[] = { 'o', 't', 'h', 'e', 'r', '\\', 0 };
    static const WCHAR w_upper[] = { 'M', 'U', 'L', 'T', 'I', '\\', 0 };
    JET_SETSYSPARAM_W w[3] = {
        { JET_paramMaxInstances, 8, NULL, 99 },
        { JET_paramOSSnapshotTimeout, 1000, NULL, 99 },
        { JET_paramSystemPath, 0, w_multi, 99 },
    };
    uint32_t n = 77;
    CU_ASSERT_EQUAL_FATAL(JetEnableMultiInstanceW(w, 3, &n), JET_errSuccess);
    CU_ASSERT_EQUAL(n, 3);
    CU_ASSERT(w[0].err == 0 && w[1].err == 0 && w[2].err == 0);
    CU_ASSERT_EQUAL(num_of(0, JET_paramMaxInstances), 8);
    CU_ASSERT(str_is(0, JET_paramSystemPath, "multi\\"));
    CU_ASSERT_EQUAL(JetInit(NULL), JET_errRunningInMultiInstanceMode);
    CU_ASSERT_EQUAL(set_num(NULL, JET_paramDatabasePageSize, 8192), JET_errAlreadyInitialized);

    /* A second component with the same settings: -1082 and every entry matched. */
    for (int i = 0; i < 3; i++)
        w[i].err = 99;
    n = 0;
    CU_ASSERT_EQUAL(JetEnableMultiInstanceW(w, 3, &n), JET_errSystemParamsAlreadySet);
    CU_ASSERT_EQUAL(n, 3);
    CU_ASSERT(w[0].err == 0 && w[1].err == 0 && w[2].err == 0);
    JET_SETSYSPARAM_A a[3] = {
        { JET_paramMaxInstances, 8, NULL, 99 },
        { JET_paramOSSnapshotTimeout, 1000, NULL, 99 },
        { JET_paramSystemPath, 0, "multi\\", 99 },
    };
    n = 0;
    CU_ASSERT_EQUAL(JetEnableMultiInstanceA(a, 3, &n), JET_errSystemParamsAlreadySet);
    CU_ASSERT_EQUAL(n, 3);
    CU_ASSERT(a[0].err == 0 && a[1].err == 0 && a[2].err == 0);
    CU_ASSERT_EQUAL(JetEnableMultiInstanceW(w, 3, NULL), JET_errSystemParamsAlreadySet);

    /* A different string (comparison is exact and case-sensitive). */
    w[2].sz = w_other;
    w[2].err = 99;
    n = 0;
    CU_ASSERT_EQUAL(JetEnableMultiInstanceW(w, 3, &n), JET_errSystemParameterConflict);
    CU_ASSERT_EQUAL(n, 2);
    CU_ASSERT_EQUAL(w[2].err, JET_errSystemParameterConflict);
    w[2].sz = w_upper;
    CU_ASSERT_EQUAL(JetEnableMultiInstanceW(w, 3, &n), JET_errSystemParameterConflict);
    CU_ASSERT_EQUAL(n, 2);
    /* A different number. */
    a[1].lParam = 2000;
    a[1].err = 99;
    a[2].err = 99;
    CU_ASSERT_EQUAL(JetEnableMultiInstanceA(a, 3, &n), JET_errSystemParameterConflict);
    CU_ASSERT_EQUAL(n, 1);
    CU_ASSERT_EQUAL(a[0].err, JET_errSuccess);
    CU_ASSERT_EQUAL(a[1].err, JET_errSystemParameterConflict);
    w[1].lParam = 2000;
    w[1].err = w[2].err = 99;
    CU_ASSERT_EQUAL(JetEnableMultiInstanceW(w, 3, &n), JET_errSystemParameterConflict);
    CU_ASSERT_EQUAL(n, 1);
    CU_ASSERT_EQUAL(w[1].err, JET_errSystemParameterConflict);
    CU_ASSERT_EQUAL(w[2].err, 99);   /* not reached */
    w[1].lParam = 1000;
    /* A mode-locked global parameter set earlier but missing from this call. */
    JET_SETSYSPARAM_W only_timeout[1] = { { JET_paramOSSnapshotTimeout, 1000, NULL, 99 } };
    CU_ASSERT_EQUAL(JetEnableMultiInstanceW(only_timeout, 1, &n), JET_errSystemParameterConflict);
    CU_ASSERT_EQUAL(n, 1);
    CU_ASSERT_EQUAL(only_timeout[0].err, JET_errSuccess);
    CU_ASSERT_EQUAL(JetEnableMultiInstanceW(NULL, 0, &n), JET_errSystemParameterConflict);
    CU_ASSERT_EQUAL(n, 0);
    /* A mode-locked global parameter requested but never set, even with its default value. */
    JET_SETSYSPARAM_W page[2] = { { JET_paramMaxInstances, 8, NULL, 99 }, { JET_paramDatabasePageSize, 4096, NULL, 99 } };
    CU_ASSERT_EQUAL(JetEnableMultiInstanceW(page, 2, &n), JET_errSystemParameterConflict);
    CU_ASSERT_EQUAL(n, 1);
    CU_ASSERT_EQUAL(page[1].err, JET_errSystemParameterConflict);
    /* JET_paramConfiguration is compared without its JET_configDefault bit. */
    JET_SETSYSPARAM_W config[2] = { { JET_paramMaxInstances, 8, NULL, 99 }, { JET_paramConfiguration, 0, NULL, 99 } };
    CU_ASSERT_EQUAL(JetEnableMultiInstanceW(config, 2, &n), JET_errSystemParamsAlreadySet);
    config[1].lParam = JET_configDefault;
    CU_ASSERT_EQUAL(JetEnableMultiInstanceW(config, 2, &n), JET_errSystemParameterConflict);
    CU_ASSERT_EQUAL(n, 1);
    /* Ids out of range. */
    JET_SETSYSPARAM_W bad[1] = { { 221, 0, NULL, 99 } };
    CU_ASSERT_EQUAL(JetEnableMultiInstanceW(bad, 1, &n), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(JetEnableMultiInstanceW(NULL, 1, &n), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(JetEnableMultiInstanceA(NULL, 2, &n), JET_errInvalidParameter);

    leave_multi_mode();
    restore_defaults();
    CU_ASSERT_EQUAL(num_of(0, JET_paramMaxInstances), 16);
}

static void test_enable_multi_instance_first_call_failure(void)
{
    JET_SETSYSPARAM_W w[3] = {
        { JET_paramOSSnapshotTimeout, 1000, NULL, 99 },
        { JET_paramLogFileSize, 1, NULL, 99 },   /* out of range */
        { JET_paramMaxInstances, 8, NULL, 99 },
    };
    uint32_t n = 77;
    CU_ASSERT_EQUAL(JetEnableMultiInstanceW(w, 3, &n), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(n, 1);
    CU_ASSERT_EQUAL(w[0].err, JET_errSuccess);
    CU_ASSERT_EQUAL(w[1].err, JET_errInvalidParameter);
    CU_ASSERT_EQUAL(w[2].err, 99);
    CU_ASSERT_EQUAL(num_of(0, JET_paramOSSnapshotTimeout), 1000);   /* earlier entries stay set */
    /* No mode was set. */
    CU_ASSERT_EQUAL(set_num(NULL, JET_paramDatabasePageSize, 8192), JET_errSuccess);
    restore_defaults();
}

static void test_enable_multi_instance_after_legacy_init(void)
{
    CU_ASSERT_EQUAL_FATAL(set_num(NULL, JET_paramMaxTemporaryTables, 0), JET_errSuccess);
    CU_ASSERT_EQUAL_FATAL(JetInit(NULL), JET_errSuccess);
    JET_SETSYSPARAM_W w[1] = { { JET_paramOSSnapshotTimeout, 1000, NULL, 99 } };
    CU_ASSERT_EQUAL(JetEnableMultiInstanceW(w, 1, NULL), JET_errRunningInOneInstanceMode);
    CU_ASSERT_EQUAL(JetEnableMultiInstanceW(NULL, 0, NULL), JET_errRunningInOneInstanceMode);
    CU_ASSERT_EQUAL(JetTerm(0), JET_errSuccess);
    restore_defaults();
}

int main(void)
{
    CU_pSuite s = esent_test_suite("param_table", NULL, NULL);
    esent_test_add(s, "the expected table covers ids 0..220", test_table_covers_all_ids);
    esent_test_add(s, "defaults of every id (A and W)", test_defaults_all_ids);
    esent_test_add(s, "ids 221 and up are invalid", test_ids_out_of_range);
    esent_test_add(s, "set, range and equal value for every id", test_set_get_all_ids);
    esent_test_add(s, "parameters with rules of their own", test_set_special_ids);
    esent_test_add(s, "booleans are stored as 0/1", test_boolean_normalised);
    esent_test_add(s, "page size and the values derived from it", test_page_size_and_derived_values);
    esent_test_add(s, "get argument checks", test_get_argument_checks);
    esent_test_add(s, "advanced parameters ignored when disabled", test_advanced_ignored);
    esent_test_add(s, "JET_paramUnicodeIndexDefault", test_unicode_index_default);

    s = esent_test_suite("param_scope", NULL, NULL);
    esent_test_add(s, "instances start from the global values", test_instance_default_from_global);
    esent_test_add(s, "scope of every id", test_scope_all_ids);

    s = esent_test_suite("param_timing", NULL, NULL);
    esent_test_add(s, "before-JetInit and mode locks for every id", test_timing_all_ids);
    esent_test_add(s, "mode lock released by the last JetTerm", test_mode_lock_released_by_last_term);
    esent_test_add(s, "one-instance mode targets the instance", test_legacy_instance_is_the_target);

    s = esent_test_suite("param_strings", NULL, NULL);
    esent_test_add(s, "JET_paramBaseName is exactly 3 characters", test_base_name_exactly_three);
    esent_test_add(s, "JET_errBufferTooSmall (A and W)", test_buffer_too_small);
    esent_test_add(s, "non-ASCII paths through A and W", test_non_ascii_path);
    esent_test_add(s, "JET_paramErrorToString", test_error_to_string);

    s = esent_test_suite("param_configuration", NULL, NULL);
    esent_test_add(s, "JET_configDefault resets every parameter", test_configuration_default_resets);
    esent_test_add(s, "JET_configLowMemory and legacy 0", test_configuration_low_memory);
    esent_test_add(s, "configuration override sets", test_configuration_override_sets);
    esent_test_add(s, "configuration of one instance", test_configuration_on_an_instance);

    s = esent_test_suite("param_multi_instance", NULL, NULL);
    esent_test_add(s, "JetEnableMultiInstance: first call, agreement, conflicts", test_enable_multi_instance);
    esent_test_add(s, "JetEnableMultiInstance: failing first call", test_enable_multi_instance_first_call_failure);
    esent_test_add(s, "JetEnableMultiInstance after JetInit(NULL)", test_enable_multi_instance_after_legacy_init);
    return esent_test_run();
}
