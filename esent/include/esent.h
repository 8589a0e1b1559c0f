/*
 * esent.h -- programming interface of the ESENT database engine.
 *
 * Part of a clean-room reimplementation of Microsoft's esent.dll that builds
 * as libesent.so (Linux, gcc) and as esent.dll (Windows, MinGW-w64).  Every
 * name, value, structure layout and function signature matches the Windows
 * SDK (JET_VERSION 0x0A00 = Windows 10) so that programs written against the
 * SDK compile unchanged and binaries stay compatible.
 *
 * Portability rules used throughout this file:
 *   - only fixed-width integer types: every SDK "long" is int32_t and every
 *     "unsigned long" is uint32_t, so layouts are identical on LP64 Linux
 *     and LLP64 Windows;
 *   - handles are JET_API_PTR (uintptr_t, pointer sized);
 *   - strings: the ...A functions take char strings (UTF-8 on Linux), the
 *     ...W functions take UTF-16 (WCHAR is 16 bits everywhere);
 *   - JET_API is __stdcall on Windows (matters on x86 only) and empty on
 *     other systems;
 *   - structures are packed like the SDK: pack(8) on x64, pack(4) on x86,
 *     and pack(1) for the log-position / log-time family.
 *
 * Narrow / wide selection: the undecorated names (JetOpenTable,
 * JET_COLUMNCREATE, ...) map to the ...W forms when JET_UNICODE is defined and
 * to the ...A forms otherwise, exactly as in the SDK.  UNICODE alone does not
 * select the W forms (the SDK does not either): programs that want them define
 * JET_UNICODE, commonly as "#if defined(UNICODE) #define JET_UNICODE".
 */

#ifndef _JET_INCLUDED
#define _JET_INCLUDED

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Targeted engine version; default: everything up to Windows 10. */
#ifndef JET_VERSION
#  if defined(_WIN32) && defined(WINVER)
#    define JET_VERSION WINVER
#  else
#    define JET_VERSION 0x0A00
#  endif
#endif

/* Calling convention of every entry point and callback. */
#if defined(_WIN32)
#define JET_API     __stdcall
#define JET_NODSAPI __stdcall
#else
#define JET_API
#define JET_NODSAPI
#endif

/* Marks an anonymous struct/union member (a common extension that strict
 * C99 / C++ modes would otherwise reject). */
#if defined(__GNUC__) || defined(__clang__)
#define JET_ANON_ __extension__
#else
#define JET_ANON_
#endif

/* Structure packing identical to the SDK. */
#if defined(_WIN32) && !defined(_WIN64)
#pragma pack(push, 4)
#else
#pragma pack(push, 8)
#endif

/* ===================================================================== */
/* Basic scalar and handle types                                          */
/* ===================================================================== */

/* Pointer-sized unsigned integer used for handles and opaque values. */
typedef uintptr_t JET_API_PTR;

/* All API functions return a 32-bit signed error code. */
typedef int32_t JET_ERR;

typedef JET_API_PTR JET_HANDLE;     /* backup file handle */
typedef JET_API_PTR JET_INSTANCE;   /* engine instance */
typedef JET_API_PTR JET_SESID;      /* session */
typedef JET_API_PTR JET_TABLEID;    /* cursor / open table */
typedef JET_API_PTR JET_LS;         /* local storage value */

typedef uint32_t JET_COLUMNID;      /* column identifier */

/* Opaque identifier of an index, filled in by JetGetIndexInfo. */
typedef struct tagJET_INDEXID
{
    uint32_t      cbStruct;
    unsigned char rgbIndexId[sizeof(JET_API_PTR) + sizeof(uint32_t) + sizeof(uint32_t)];
} JET_INDEXID;

typedef uint32_t JET_DBID;          /* database identifier */
typedef uint32_t JET_OBJTYP;        /* object type (JET_objtyp*) */
typedef uint32_t JET_COLTYP;        /* column type (JET_coltyp*) */
typedef uint32_t JET_GRBIT;         /* option bits */
typedef uint32_t JET_SNP;           /* status notification process */
typedef uint32_t JET_SNT;           /* status notification type */
typedef double   JET_DATESERIAL;    /* value of a JET_coltypDateTime column */
typedef uint32_t JET_CBTYP;         /* callback reason (JET_cbtyp*) */

/* Progress / status notification callback. */
typedef JET_ERR (JET_API *JET_PFNSTATUS)(
    JET_SESID sesid,
    JET_SNP snp,
    JET_SNT snt,
    void *pv);

/* ---------------------------------------------------------------------
 * Character types.  WCHAR is always a 16-bit UTF-16 code unit: wchar_t
 * on Windows, uint16_t elsewhere (use u"..." literals on Linux).  The
 * __WCHAR_DEFINED guard is the one <winnt.h> uses.
 * ------------------------------------------------------------------- */
#ifndef __WCHAR_DEFINED
#define __WCHAR_DEFINED
#if defined(_WIN32)
typedef wchar_t WCHAR;
#else
typedef uint16_t WCHAR;
#endif
#endif

typedef char *JET_PSTR;             /* NUL-terminated narrow string */
typedef const char *JET_PCSTR;
typedef WCHAR *JET_PWSTR;           /* NUL-terminated UTF-16 string */
typedef const WCHAR *JET_PCWSTR;

/* Restore map: old -> new database path. */
typedef struct
{
    char *szDatabaseName;
    char *szNewDatabaseName;
} JET_RSTMAP_A;

typedef struct
{
    WCHAR *szDatabaseName;
    WCHAR *szNewDatabaseName;
} JET_RSTMAP_W;

/* Used by JetConvertDDL / offline conversion only. */
typedef struct tagCONVERT_A
{
    char *szOldDll;
    JET_ANON_ union
    {
        uint32_t fFlags;
        JET_ANON_ struct
        {
            uint32_t fSchemaChangesOnly:1;
        };
    };
} JET_CONVERT_A;

typedef struct tagCONVERT_W
{
    WCHAR *szOldDll;
    JET_ANON_ union
    {
        uint32_t fFlags;
        JET_ANON_ struct
        {
            uint32_t fSchemaChangesOnly:1;
        };
    };
} JET_CONVERT_W;

/* ===================================================================== */
/* Configuration store (JET_paramConfigStoreSpec)                         */
/* ===================================================================== */

#if defined(_WIN32)
#define JET_wszConfigStoreReadControl               L"CsReadControl"
#define JET_wszConfigStoreRelPathSysParamDefault    L"SysParamDefault"
#define JET_wszConfigStoreRelPathSysParamOverride   L"SysParamOverride"
#else
/* UTF-16 literals: need C11 / C++11 where they are expanded. */
#define JET_wszConfigStoreReadControl               u"CsReadControl"
#define JET_wszConfigStoreRelPathSysParamDefault    u"SysParamDefault"
#define JET_wszConfigStoreRelPathSysParamOverride   u"SysParamOverride"
#endif
#define JET_bitConfigStoreReadControlInhibitRead    0x1
#define JET_bitConfigStoreReadControlDisableAll     0x2
#define JET_bitConfigStoreReadControlDefault        0x0

/* JetDefragment* options */
#define JET_bitDefragmentBatchStart             0x00000001
#define JET_bitDefragmentBatchStop              0x00000002
#if JET_VERSION >= 0x0501
#define JET_bitDefragmentAvailSpaceTreesOnly    0x00000040
#endif
#if JET_VERSION >= 0x0601
#define JET_bitDefragmentNoPartialMerges        0x00000080
#define JET_bitDefragmentBTree                  0x00000100
#endif

/* Callback reasons (JET_CBTYP) */
#define JET_cbtypNull                       0x00000000
#define JET_cbtypFinalize                   0x00000001
#define JET_cbtypBeforeInsert               0x00000002
#define JET_cbtypAfterInsert                0x00000004
#define JET_cbtypBeforeReplace              0x00000008
#define JET_cbtypAfterReplace               0x00000010
#define JET_cbtypBeforeDelete               0x00000020
#define JET_cbtypAfterDelete                0x00000040
#define JET_cbtypUserDefinedDefaultValue    0x00000080
#define JET_cbtypOnlineDefragCompleted      0x00000100
#define JET_cbtypFreeCursorLS               0x00000200
#define JET_cbtypFreeTableLS                0x00000400

/* Table / column callback registered with JetRegisterCallback. */
typedef JET_ERR (JET_API *JET_CALLBACK)(
    JET_SESID sesid,
    JET_DBID dbid,
    JET_TABLEID tableid,
    JET_CBTYP cbtyp,
    void *pvArg1,
    void *pvArg2,
    void *pvContext,
    JET_API_PTR ulUnused);

/* ===================================================================== */
/* Status notification and object information                             */
/* ===================================================================== */

typedef struct
{
    uint32_t cbStruct;      /* sizeof(JET_SNPROG) */
    uint32_t cunitDone;     /* work done so far */
    uint32_t cunitTotal;    /* total work */
} JET_SNPROG;

typedef struct
{
    uint32_t cbStruct;
    uint32_t cbFilesizeLow;
    uint32_t cbFilesizeHigh;
    uint32_t cbFreeSpaceRequiredLow;
    uint32_t cbFreeSpaceRequiredHigh;
    uint32_t csecToUpgrade;
    JET_ANON_ union
    {
        uint32_t ulFlags;
        JET_ANON_ struct
        {
            uint32_t fUpgradable:1;
            uint32_t fAlreadyUpgraded:1;
        };
    };
} JET_DBINFOUPGRADE;

typedef struct
{
    uint32_t       cbStruct;
    JET_OBJTYP     objtyp;
    JET_DATESERIAL dtCreate;    /* no longer maintained */
    JET_DATESERIAL dtUpdate;    /* no longer maintained */
    JET_GRBIT      grbit;       /* JET_bitTableInfo* */
    uint32_t       flags;       /* JET_bitObject* */
    uint32_t       cRecord;
    uint32_t       cPage;
} JET_OBJECTINFO;

/* JET_OBJECTINFO.grbit */
#define JET_bitTableInfoUpdatable   0x00000001
#define JET_bitTableInfoBookmark    0x00000002
#define JET_bitTableInfoRollback    0x00000004

/* JET_OBJECTINFO.flags */
#define JET_bitObjectSystem         0x80000000
#define JET_bitObjectTableFixedDDL  0x40000000
#define JET_bitObjectTableTemplate  0x20000000
#define JET_bitObjectTableDerived   0x10000000
#if JET_VERSION >= 0x0501
#define JET_bitObjectTableNoFixedVarColumnsInDerivedTables 0x04000000
#endif

/* Temporary table returned by JetGetObjectInfo(JET_ObjInfoList...) */
typedef struct
{
    uint32_t     cbStruct;
    JET_TABLEID  tableid;
    uint32_t     cRecord;
    JET_COLUMNID columnidcontainername;
    JET_COLUMNID columnidobjectname;
    JET_COLUMNID columnidobjtyp;
    JET_COLUMNID columniddtCreate;
    JET_COLUMNID columniddtUpdate;
    JET_COLUMNID columnidgrbit;
    JET_COLUMNID columnidflags;
    JET_COLUMNID columnidcRecord;
    JET_COLUMNID columnidcPage;
} JET_OBJECTLIST;

#define cObjectInfoCols 9

/* Temporary table returned by JetGetColumnInfo(JET_ColInfoList...) */
typedef struct
{
    uint32_t     cbStruct;
    JET_TABLEID  tableid;
    uint32_t     cRecord;
    JET_COLUMNID columnidPresentationOrder;
    JET_COLUMNID columnidcolumnname;
    JET_COLUMNID columnidcolumnid;
    JET_COLUMNID columnidcoltyp;
    JET_COLUMNID columnidCountry;
    JET_COLUMNID columnidLangid;
    JET_COLUMNID columnidCp;
    JET_COLUMNID columnidCollate;
    JET_COLUMNID columnidcbMax;
    JET_COLUMNID columnidgrbit;
    JET_COLUMNID columnidDefault;
    JET_COLUMNID columnidBaseTableName;
    JET_COLUMNID columnidBaseColumnName;
    JET_COLUMNID columnidDefinitionName;
} JET_COLUMNLIST;

#define cColumnInfoCols 14

typedef struct
{
    uint32_t     cbStruct;
    JET_COLUMNID columnid;
    JET_COLTYP   coltyp;
    uint16_t     wCountry;
    uint16_t     langid;
    uint16_t     cp;
    uint16_t     wCollate;      /* must be zero */
    uint32_t     cbMax;
    JET_GRBIT    grbit;
} JET_COLUMNDEF;

typedef struct
{
    uint32_t     cbStruct;
    JET_COLUMNID columnid;
    JET_COLTYP   coltyp;
    uint16_t     wCountry;
    uint16_t     langid;
    uint16_t     cp;
    uint16_t     wFiller;       /* must be zero */
    uint32_t     cbMax;
    JET_GRBIT    grbit;
    char         szBaseTableName[256];
    char         szBaseColumnName[256];
} JET_COLUMNBASE_A;

typedef struct
{
    uint32_t     cbStruct;
    JET_COLUMNID columnid;
    JET_COLTYP   coltyp;
    uint16_t     wCountry;
    uint16_t     langid;
    uint16_t     cp;
    uint16_t     wFiller;       /* must be zero */
    uint32_t     cbMax;
    JET_GRBIT    grbit;
    WCHAR        szBaseTableName[256];
    WCHAR        szBaseColumnName[256];
} JET_COLUMNBASE_W;

/* Temporary table returned by JetGetIndexInfo(JET_IdxInfoList...) */
typedef struct
{
    uint32_t     cbStruct;
    JET_TABLEID  tableid;
    uint32_t     cRecord;
    JET_COLUMNID columnidindexname;
    JET_COLUMNID columnidgrbitIndex;
    JET_COLUMNID columnidcKey;
    JET_COLUMNID columnidcEntry;
    JET_COLUMNID columnidcPage;
    JET_COLUMNID columnidcColumn;
    JET_COLUMNID columnidiColumn;
    JET_COLUMNID columnidcolumnid;
    JET_COLUMNID columnidcoltyp;
    JET_COLUMNID columnidCountry;
    JET_COLUMNID columnidLangid;
    JET_COLUMNID columnidCp;
    JET_COLUMNID columnidCollate;
    JET_COLUMNID columnidgrbitColumn;
    JET_COLUMNID columnidcolumnname;
    JET_COLUMNID columnidLCMapFlags;
} JET_INDEXLIST;

#define cIndexInfoCols 15

/* ===================================================================== */
/* DDL description structures                                             */
/* ===================================================================== */

typedef struct tag_JET_COLUMNCREATE_A
{
    uint32_t     cbStruct;
    char        *szColumnName;
    JET_COLTYP   coltyp;
    uint32_t     cbMax;
    JET_GRBIT    grbit;
    void        *pvDefault;
    uint32_t     cbDefault;
    uint32_t     cp;
    JET_COLUMNID columnid;      /* out */
    JET_ERR      err;           /* out */
} JET_COLUMNCREATE_A;

typedef struct tag_JET_COLUMNCREATE_W
{
    uint32_t     cbStruct;
    WCHAR       *szColumnName;
    JET_COLTYP   coltyp;
    uint32_t     cbMax;
    JET_GRBIT    grbit;
    void        *pvDefault;
    uint32_t     cbDefault;
    uint32_t     cp;
    JET_COLUMNID columnid;      /* out */
    JET_ERR      err;           /* out */
} JET_COLUMNCREATE_W;

/* Passed as pvDefault/cbDefault for a JET_bitColumnUserDefinedDefault column. */
typedef struct tag_JET_USERDEFINEDDEFAULT_A
{
    char          *szCallback;
    unsigned char *pbUserData;
    uint32_t       cbUserData;
    char          *szDependantColumns;
} JET_USERDEFINEDDEFAULT_A;

typedef struct tag_JET_USERDEFINEDDEFAULT_W
{
    WCHAR         *szCallback;
    unsigned char *pbUserData;
    uint32_t       cbUserData;
    WCHAR         *szDependantColumns;
} JET_USERDEFINEDDEFAULT_W;

typedef struct tagJET_CONDITIONALCOLUMN_A
{
    uint32_t  cbStruct;
    char     *szColumnName;
    JET_GRBIT grbit;
} JET_CONDITIONALCOLUMN_A;

typedef struct tagJET_CONDITIONALCOLUMN_W
{
    uint32_t  cbStruct;
    WCHAR    *szColumnName;
    JET_GRBIT grbit;
} JET_CONDITIONALCOLUMN_W;

typedef struct tagJET_UNICODEINDEX
{
    uint32_t lcid;
    uint32_t dwMapFlags;
} JET_UNICODEINDEX;

typedef struct tagJET_UNICODEINDEX2
{
    WCHAR   *szLocaleName;
    uint32_t dwMapFlags;
} JET_UNICODEINDEX2;

typedef struct tagJET_TUPLELIMITS
{
    uint32_t chLengthMin;
    uint32_t chLengthMax;
    uint32_t chToIndexMax;
#if JET_VERSION >= 0x0600
    uint32_t cchIncrement;
    uint32_t ichStart;
#endif
} JET_TUPLELIMITS;

/* Space allocation hints for a B-tree (table, index or LV tree). */
typedef struct tagJET_SPACEHINTS
{
    uint32_t  cbStruct;
    uint32_t  ulInitialDensity;
    uint32_t  cbInitial;
    JET_GRBIT grbit;            /* JET_bitSpaceHints*, JET_bitCreateHints*, ... */
    uint32_t  ulMaintDensity;
    uint32_t  ulGrowth;
    uint32_t  cbMinExtent;
    uint32_t  cbMaxExtent;
} JET_SPACEHINTS;

typedef struct tagJET_INDEXCREATE_A
{
    uint32_t  cbStruct;
    char     *szIndexName;
    char     *szKey;            /* double-NUL-terminated key description */
    uint32_t  cbKey;
    JET_GRBIT grbit;
    uint32_t  ulDensity;
    JET_ANON_ union
    {
        uint32_t          lcid;         /* without JET_bitIndexUnicode */
        JET_UNICODEINDEX *pidxunicode;  /* with JET_bitIndexUnicode */
    };
    JET_ANON_ union
    {
        uint32_t         cbVarSegMac;   /* without JET_bitIndexTupleLimits */
#if JET_VERSION >= 0x0502
        JET_TUPLELIMITS *ptuplelimits;  /* with JET_bitIndexTupleLimits */
#endif
    };
    JET_CONDITIONALCOLUMN_A *rgconditionalcolumn;
    uint32_t  cConditionalColumn;
    JET_ERR   err;              /* out */
#if JET_VERSION >= 0x0600
    uint32_t  cbKeyMost;        /* with JET_bitIndexKeyMost */
#endif
} JET_INDEXCREATE_A;

typedef struct tagJET_INDEXCREATE_W
{
    uint32_t  cbStruct;
    WCHAR    *szIndexName;
    WCHAR    *szKey;
    uint32_t  cbKey;
    JET_GRBIT grbit;
    uint32_t  ulDensity;
    JET_ANON_ union
    {
        uint32_t          lcid;
        JET_UNICODEINDEX *pidxunicode;
    };
    JET_ANON_ union
    {
        uint32_t         cbVarSegMac;
#if JET_VERSION >= 0x0502
        JET_TUPLELIMITS *ptuplelimits;
#endif
    };
    JET_CONDITIONALCOLUMN_W *rgconditionalcolumn;
    uint32_t  cConditionalColumn;
    JET_ERR   err;
#if JET_VERSION >= 0x0600
    uint32_t  cbKeyMost;
#endif
} JET_INDEXCREATE_W;

typedef struct tagJET_INDEXCREATE2_A
{
    uint32_t  cbStruct;
    char     *szIndexName;
    char     *szKey;
    uint32_t  cbKey;
    JET_GRBIT grbit;
    uint32_t  ulDensity;
    JET_ANON_ union
    {
        uint32_t          lcid;
        JET_UNICODEINDEX *pidxunicode;
    };
    JET_ANON_ union
    {
        uint32_t         cbVarSegMac;
        JET_TUPLELIMITS *ptuplelimits;
    };
    JET_CONDITIONALCOLUMN_A *rgconditionalcolumn;
    uint32_t  cConditionalColumn;
    JET_ERR   err;
    uint32_t  cbKeyMost;
    JET_SPACEHINTS *pSpacehints;
} JET_INDEXCREATE2_A;

typedef struct tagJET_INDEXCREATE2_W
{
    uint32_t  cbStruct;
    WCHAR    *szIndexName;
    WCHAR    *szKey;
    uint32_t  cbKey;
    JET_GRBIT grbit;
    uint32_t  ulDensity;
    JET_ANON_ union
    {
        uint32_t          lcid;
        JET_UNICODEINDEX *pidxunicode;
    };
    JET_ANON_ union
    {
        uint32_t         cbVarSegMac;
        JET_TUPLELIMITS *ptuplelimits;
    };
    JET_CONDITIONALCOLUMN_W *rgconditionalcolumn;
    uint32_t  cConditionalColumn;
    JET_ERR   err;
    uint32_t  cbKeyMost;
    JET_SPACEHINTS *pSpacehints;
} JET_INDEXCREATE2_W;

typedef struct tagJET_INDEXCREATE3_A
{
    uint32_t  cbStruct;
    char     *szIndexName;
    char     *szKey;
    uint32_t  cbKey;
    JET_GRBIT grbit;
    uint32_t  ulDensity;
    JET_UNICODEINDEX2 *pidxunicode;     /* locale by name */
    JET_ANON_ union
    {
        uint32_t         cbVarSegMac;
        JET_TUPLELIMITS *ptuplelimits;
    };
    JET_CONDITIONALCOLUMN_A *rgconditionalcolumn;
    uint32_t  cConditionalColumn;
    JET_ERR   err;
    uint32_t  cbKeyMost;
    JET_SPACEHINTS *pSpacehints;
} JET_INDEXCREATE3_A;

typedef struct tagJET_INDEXCREATE3_W
{
    uint32_t  cbStruct;
    WCHAR    *szIndexName;
    WCHAR    *szKey;
    uint32_t  cbKey;
    JET_GRBIT grbit;
    uint32_t  ulDensity;
    JET_UNICODEINDEX2 *pidxunicode;
    JET_ANON_ union
    {
        uint32_t         cbVarSegMac;
        JET_TUPLELIMITS *ptuplelimits;
    };
    JET_CONDITIONALCOLUMN_W *rgconditionalcolumn;
    uint32_t  cConditionalColumn;
    JET_ERR   err;
    uint32_t  cbKeyMost;
    JET_SPACEHINTS *pSpacehints;
} JET_INDEXCREATE3_W;

/* Table creation (JetCreateTableColumnIndex*) */
typedef struct tagJET_TABLECREATE_A
{
    uint32_t            cbStruct;
    char               *szTableName;
    char               *szTemplateTableName;
    uint32_t            ulPages;
    uint32_t            ulDensity;
    JET_COLUMNCREATE_A *rgcolumncreate;
    uint32_t            cColumns;
    JET_INDEXCREATE_A  *rgindexcreate;
    uint32_t            cIndexes;
    JET_GRBIT           grbit;
    JET_TABLEID         tableid;    /* out */
    uint32_t            cCreated;   /* out */
} JET_TABLECREATE_A;

typedef struct tagJET_TABLECREATE_W
{
    uint32_t            cbStruct;
    WCHAR              *szTableName;
    WCHAR              *szTemplateTableName;
    uint32_t            ulPages;
    uint32_t            ulDensity;
    JET_COLUMNCREATE_W *rgcolumncreate;
    uint32_t            cColumns;
    JET_INDEXCREATE_W  *rgindexcreate;
    uint32_t            cIndexes;
    JET_GRBIT           grbit;
    JET_TABLEID         tableid;
    uint32_t            cCreated;
} JET_TABLECREATE_W;

typedef struct tagJET_TABLECREATE2_A
{
    uint32_t            cbStruct;
    char               *szTableName;
    char               *szTemplateTableName;
    uint32_t            ulPages;
    uint32_t            ulDensity;
    JET_COLUMNCREATE_A *rgcolumncreate;
    uint32_t            cColumns;
    JET_INDEXCREATE_A  *rgindexcreate;
    uint32_t            cIndexes;
    char               *szCallback;
    JET_CBTYP           cbtyp;
    JET_GRBIT           grbit;
    JET_TABLEID         tableid;
    uint32_t            cCreated;
} JET_TABLECREATE2_A;

typedef struct tagJET_TABLECREATE2_W
{
    uint32_t            cbStruct;
    WCHAR              *szTableName;
    WCHAR              *szTemplateTableName;
    uint32_t            ulPages;
    uint32_t            ulDensity;
    JET_COLUMNCREATE_W *rgcolumncreate;
    uint32_t            cColumns;
    JET_INDEXCREATE_W  *rgindexcreate;
    uint32_t            cIndexes;
    WCHAR              *szCallback;
    JET_CBTYP           cbtyp;
    JET_GRBIT           grbit;
    JET_TABLEID         tableid;
    uint32_t            cCreated;
} JET_TABLECREATE2_W;

typedef struct tagJET_TABLECREATE3_A
{
    uint32_t            cbStruct;
    char               *szTableName;
    char               *szTemplateTableName;
    uint32_t            ulPages;
    uint32_t            ulDensity;
    JET_COLUMNCREATE_A *rgcolumncreate;
    uint32_t            cColumns;
    JET_INDEXCREATE2_A *rgindexcreate;
    uint32_t            cIndexes;
    char               *szCallback;
    JET_CBTYP           cbtyp;
    JET_GRBIT           grbit;
    JET_SPACEHINTS     *pSeqSpacehints;
    JET_SPACEHINTS     *pLVSpacehints;
    uint32_t            cbSeparateLV;
    JET_TABLEID         tableid;
    uint32_t            cCreated;
} JET_TABLECREATE3_A;

typedef struct tagJET_TABLECREATE3_W
{
    uint32_t            cbStruct;
    WCHAR              *szTableName;
    WCHAR              *szTemplateTableName;
    uint32_t            ulPages;
    uint32_t            ulDensity;
    JET_COLUMNCREATE_W *rgcolumncreate;
    uint32_t            cColumns;
    JET_INDEXCREATE2_W *rgindexcreate;
    uint32_t            cIndexes;
    WCHAR              *szCallback;
    JET_CBTYP           cbtyp;
    JET_GRBIT           grbit;
    JET_SPACEHINTS     *pSeqSpacehints;
    JET_SPACEHINTS     *pLVSpacehints;
    uint32_t            cbSeparateLV;
    JET_TABLEID         tableid;
    uint32_t            cCreated;
} JET_TABLECREATE3_W;

typedef struct tagJET_TABLECREATE4_A
{
    uint32_t            cbStruct;
    char               *szTableName;
    char               *szTemplateTableName;
    uint32_t            ulPages;
    uint32_t            ulDensity;
    JET_COLUMNCREATE_A *rgcolumncreate;
    uint32_t            cColumns;
    JET_INDEXCREATE3_A *rgindexcreate;
    uint32_t            cIndexes;
    char               *szCallback;
    JET_CBTYP           cbtyp;
    JET_GRBIT           grbit;
    JET_SPACEHINTS     *pSeqSpacehints;
    JET_SPACEHINTS     *pLVSpacehints;
    uint32_t            cbSeparateLV;
    JET_TABLEID         tableid;
    uint32_t            cCreated;
} JET_TABLECREATE4_A;

typedef struct tagJET_TABLECREATE4_W
{
    uint32_t            cbStruct;
    WCHAR              *szTableName;
    WCHAR              *szTemplateTableName;
    uint32_t            ulPages;
    uint32_t            ulDensity;
    JET_COLUMNCREATE_W *rgcolumncreate;
    uint32_t            cColumns;
    JET_INDEXCREATE3_W *rgindexcreate;
    uint32_t            cIndexes;
    WCHAR              *szCallback;
    JET_CBTYP           cbtyp;
    JET_GRBIT           grbit;
    JET_SPACEHINTS     *pSeqSpacehints;
    JET_SPACEHINTS     *pLVSpacehints;
    uint32_t            cbSeparateLV;
    JET_TABLEID         tableid;
    uint32_t            cCreated;
} JET_TABLECREATE4_W;

typedef struct tagJET_OPENTEMPORARYTABLE
{
    uint32_t             cbStruct;
    const JET_COLUMNDEF *prgcolumndef;
    uint32_t             ccolumn;
    JET_UNICODEINDEX    *pidxunicode;
    JET_GRBIT            grbit;
    JET_COLUMNID        *prgcolumnid;   /* out */
    uint32_t             cbKeyMost;
    uint32_t             cbVarSegMac;
    JET_TABLEID          tableid;       /* out */
} JET_OPENTEMPORARYTABLE;

typedef struct tagJET_OPENTEMPORARYTABLE2
{
    uint32_t             cbStruct;
    const JET_COLUMNDEF *prgcolumndef;
    uint32_t             ccolumn;
    JET_UNICODEINDEX2   *pidxunicode;
    JET_GRBIT            grbit;
    JET_COLUMNID        *prgcolumnid;
    uint32_t             cbKeyMost;
    uint32_t             cbVarSegMac;
    JET_TABLEID          tableid;
} JET_OPENTEMPORARYTABLE2;

/* ===================================================================== */
/* Column retrieval / update, positions, ranges                           */
/* ===================================================================== */

typedef struct
{
    uint32_t     cbStruct;
    uint32_t     ibLongValue;
    uint32_t     itagSequence;
    JET_COLUMNID columnidNextTagged;    /* out */
} JET_RETINFO;

typedef struct
{
    uint32_t cbStruct;
    uint32_t ibLongValue;
    uint32_t itagSequence;
} JET_SETINFO;

typedef struct
{
    uint32_t cbStruct;
    uint32_t centriesLT;
    uint32_t centriesInRange;
    uint32_t centriesTotal;
} JET_RECPOS;

/* 64-bit record position; the *Deprecated members mirror JET_RECPOS. */
typedef struct
{
    uint32_t cbStruct;
    uint32_t centriesLTDeprecated;
    uint32_t centriesInRangeDeprecated;
    uint32_t centriesTotalDeprecated;
    uint64_t centriesLT;
    uint64_t centriesTotal;
} JET_RECPOS2;

typedef struct
{
    uint32_t     cbStruct;
    JET_TABLEID  tableid;
    uint32_t     cRecord;
    JET_COLUMNID columnidBookmark;
} JET_RECORDLIST;

typedef struct
{
    uint32_t    cbStruct;
    JET_TABLEID tableid;
    JET_GRBIT   grbit;
} JET_INDEXRANGE;

/* Relational operator (a C enum in the SDK; 32 bits either way). */
typedef uint32_t JET_RELOP;
#define JET_relopEquals                 0
#define JET_relopPrefixEquals           1
#define JET_relopNotEquals              2
#define JET_relopLessThanOrEqual        3
#define JET_relopLessThan               4
#define JET_relopGreaterThanOrEqual     5
#define JET_relopGreaterThan            6
#define JET_relopBitmaskEqualsZero      7
#define JET_relopBitmaskNotEqualsZero   8

typedef struct
{
    JET_COLUMNID columnid;
    JET_RELOP    relop;
    void        *pv;
    uint32_t     cb;
    JET_GRBIT    grbit;
} JET_INDEX_COLUMN;

typedef struct
{
    JET_INDEX_COLUMN *rgStartColumns;
    uint32_t          cStartColumns;
    JET_INDEX_COLUMN *rgEndColumns;
    uint32_t          cEndColumns;
} JET_INDEX_RANGE;

/* ===================================================================== */
/* Log / backup positions and times (byte-packed, as in the SDK)          */
/* ===================================================================== */

#define JET_MAX_COMPUTERNAME_LENGTH 15

#pragma pack(push, 1)

typedef struct
{
    char bSeconds;      /* 0..59 */
    char bMinutes;      /* 0..59 */
    char bHours;        /* 0..23 */
    char bDay;          /* 1..31 */
    char bMonth;        /* 1..12 */
    char bYear;         /* years since 1900 */
    JET_ANON_ union
    {
        char bFiller1;
        JET_ANON_ struct
        {
            unsigned char fTimeIsUTC:1;
            unsigned char bMillisecondsLow:7;
        };
    };
    JET_ANON_ union
    {
        char bFiller2;
        JET_ANON_ struct
        {
            unsigned char fReserved:1;
            unsigned char bMillisecondsHigh:3;
            unsigned char fUnused:4;
        };
    };
} JET_LOGTIME;

/* Same size as JET_LOGTIME; used inside JET_BKINFO. */
typedef struct
{
    char bSeconds;
    char bMinutes;
    char bHours;
    char bDay;
    char bMonth;
    char bYear;
    JET_ANON_ union
    {
        char bFiller1;
        JET_ANON_ struct
        {
            unsigned char fTimeIsUTC:1;
            unsigned char bMillisecondsLow:7;
        };
    };
    JET_ANON_ union
    {
        char bFiller2;
        JET_ANON_ struct
        {
            unsigned char fOSSnapshot:1;
            unsigned char bMillisecondsHigh:3;
            unsigned char fReserved:4;
        };
    };
} JET_BKLOGTIME;

/* Position in the log stream. */
typedef struct
{
    uint16_t ib;            /* byte offset in sector */
    uint16_t isec;          /* sector */
    int32_t  lGeneration;   /* log generation */
} JET_LGPOS;

typedef struct
{
    uint32_t    ulRandom;
    JET_LOGTIME logtimeCreate;
    char        szComputerName[JET_MAX_COMPUTERNAME_LENGTH + 1];
} JET_SIGNATURE;

typedef struct
{
    JET_LGPOS lgposMark;
    JET_ANON_ union
    {
        JET_LOGTIME   logtimeMark;
#if JET_VERSION >= 0x0600
        JET_BKLOGTIME bklogtimeMark;
#endif
    };
    uint32_t genLow;
    uint32_t genHigh;
} JET_BKINFO;

#pragma pack(pop)

/* ===================================================================== */
/* Database header information (JetGetDatabaseFileInfo, JET_DbInfoMisc)   */
/* Each version appends members to the previous one.                      */
/* ===================================================================== */

typedef struct
{
    uint32_t      ulVersion;                /* major format version */
    uint32_t      ulUpdate;                 /* format update number */
    JET_SIGNATURE signDb;                   /* database signature */
    uint32_t      dbstate;                  /* JET_dbstate* */
    JET_LGPOS     lgposConsistent;
    JET_LOGTIME   logtimeConsistent;
    JET_LOGTIME   logtimeAttach;
    JET_LGPOS     lgposAttach;
    JET_LOGTIME   logtimeDetach;
    JET_LGPOS     lgposDetach;
    JET_SIGNATURE signLog;                  /* signature of the attached log stream */
    JET_BKINFO    bkinfoFullPrev;           /* last full backup */
    JET_BKINFO    bkinfoIncPrev;            /* last incremental backup */
    JET_BKINFO    bkinfoFullCur;            /* backup in progress */
    uint32_t      fShadowingDisabled;
    uint32_t      fUpgradeDb;
    uint32_t      dwMajorVersion;           /* OS version that last used the file */
    uint32_t      dwMinorVersion;
    uint32_t      dwBuildNumber;
    int32_t       lSPNumber;
    uint32_t      cbPageSize;               /* 0 means 4 KiB */
} JET_DBINFOMISC;

typedef struct
{
    uint32_t      ulVersion;                /* major format version */
    uint32_t      ulUpdate;                 /* format update number */
    JET_SIGNATURE signDb;                   /* database signature */
    uint32_t      dbstate;                  /* JET_dbstate* */
    JET_LGPOS     lgposConsistent;
    JET_LOGTIME   logtimeConsistent;
    JET_LOGTIME   logtimeAttach;
    JET_LGPOS     lgposAttach;
    JET_LOGTIME   logtimeDetach;
    JET_LGPOS     lgposDetach;
    JET_SIGNATURE signLog;                  /* signature of the attached log stream */
    JET_BKINFO    bkinfoFullPrev;           /* last full backup */
    JET_BKINFO    bkinfoIncPrev;            /* last incremental backup */
    JET_BKINFO    bkinfoFullCur;            /* backup in progress */
    uint32_t      fShadowingDisabled;
    uint32_t      fUpgradeDb;
    uint32_t      dwMajorVersion;           /* OS version that last used the file */
    uint32_t      dwMinorVersion;
    uint32_t      dwBuildNumber;
    int32_t       lSPNumber;
    uint32_t      cbPageSize;               /* 0 means 4 KiB */
    /* added in version 2 */
    uint32_t      genMinRequired;
    uint32_t      genMaxRequired;
    JET_LOGTIME   logtimeGenMaxCreate;
    uint32_t      ulRepairCount;
    JET_LOGTIME   logtimeRepair;
    uint32_t      ulRepairCountOld;
    uint32_t      ulECCFixSuccess;
    JET_LOGTIME   logtimeECCFixSuccess;
    uint32_t      ulECCFixSuccessOld;
    uint32_t      ulECCFixFail;
    JET_LOGTIME   logtimeECCFixFail;
    uint32_t      ulECCFixFailOld;
    uint32_t      ulBadChecksum;
    JET_LOGTIME   logtimeBadChecksum;
    uint32_t      ulBadChecksumOld;
} JET_DBINFOMISC2;

typedef struct
{
    uint32_t      ulVersion;                /* major format version */
    uint32_t      ulUpdate;                 /* format update number */
    JET_SIGNATURE signDb;                   /* database signature */
    uint32_t      dbstate;                  /* JET_dbstate* */
    JET_LGPOS     lgposConsistent;
    JET_LOGTIME   logtimeConsistent;
    JET_LOGTIME   logtimeAttach;
    JET_LGPOS     lgposAttach;
    JET_LOGTIME   logtimeDetach;
    JET_LGPOS     lgposDetach;
    JET_SIGNATURE signLog;                  /* signature of the attached log stream */
    JET_BKINFO    bkinfoFullPrev;           /* last full backup */
    JET_BKINFO    bkinfoIncPrev;            /* last incremental backup */
    JET_BKINFO    bkinfoFullCur;            /* backup in progress */
    uint32_t      fShadowingDisabled;
    uint32_t      fUpgradeDb;
    uint32_t      dwMajorVersion;           /* OS version that last used the file */
    uint32_t      dwMinorVersion;
    uint32_t      dwBuildNumber;
    int32_t       lSPNumber;
    uint32_t      cbPageSize;               /* 0 means 4 KiB */
    /* added in version 2 */
    uint32_t      genMinRequired;
    uint32_t      genMaxRequired;
    JET_LOGTIME   logtimeGenMaxCreate;
    uint32_t      ulRepairCount;
    JET_LOGTIME   logtimeRepair;
    uint32_t      ulRepairCountOld;
    uint32_t      ulECCFixSuccess;
    JET_LOGTIME   logtimeECCFixSuccess;
    uint32_t      ulECCFixSuccessOld;
    uint32_t      ulECCFixFail;
    JET_LOGTIME   logtimeECCFixFail;
    uint32_t      ulECCFixFailOld;
    uint32_t      ulBadChecksum;
    JET_LOGTIME   logtimeBadChecksum;
    uint32_t      ulBadChecksumOld;
    /* added in version 3 */
    uint32_t      genCommitted;
} JET_DBINFOMISC3;

typedef struct
{
    uint32_t      ulVersion;                /* major format version */
    uint32_t      ulUpdate;                 /* format update number */
    JET_SIGNATURE signDb;                   /* database signature */
    uint32_t      dbstate;                  /* JET_dbstate* */
    JET_LGPOS     lgposConsistent;
    JET_LOGTIME   logtimeConsistent;
    JET_LOGTIME   logtimeAttach;
    JET_LGPOS     lgposAttach;
    JET_LOGTIME   logtimeDetach;
    JET_LGPOS     lgposDetach;
    JET_SIGNATURE signLog;                  /* signature of the attached log stream */
    JET_BKINFO    bkinfoFullPrev;           /* last full backup */
    JET_BKINFO    bkinfoIncPrev;            /* last incremental backup */
    JET_BKINFO    bkinfoFullCur;            /* backup in progress */
    uint32_t      fShadowingDisabled;
    uint32_t      fUpgradeDb;
    uint32_t      dwMajorVersion;           /* OS version that last used the file */
    uint32_t      dwMinorVersion;
    uint32_t      dwBuildNumber;
    int32_t       lSPNumber;
    uint32_t      cbPageSize;               /* 0 means 4 KiB */
    /* added in version 2 */
    uint32_t      genMinRequired;
    uint32_t      genMaxRequired;
    JET_LOGTIME   logtimeGenMaxCreate;
    uint32_t      ulRepairCount;
    JET_LOGTIME   logtimeRepair;
    uint32_t      ulRepairCountOld;
    uint32_t      ulECCFixSuccess;
    JET_LOGTIME   logtimeECCFixSuccess;
    uint32_t      ulECCFixSuccessOld;
    uint32_t      ulECCFixFail;
    JET_LOGTIME   logtimeECCFixFail;
    uint32_t      ulECCFixFailOld;
    uint32_t      ulBadChecksum;
    JET_LOGTIME   logtimeBadChecksum;
    uint32_t      ulBadChecksumOld;
    /* added in version 3 */
    uint32_t      genCommitted;
    /* added in version 4 */
    JET_BKINFO    bkinfoCopyPrev;
    JET_BKINFO    bkinfoDiffPrev;
} JET_DBINFOMISC4;

/* ===================================================================== */
/* Thread statistics (JetGetThreadStats)                                  */
/* The SDK declares these as plain struct tags; the typedefs are added    */
/* for C convenience.                                                     */
/* ===================================================================== */

typedef struct JET_THREADSTATS
{
    uint32_t cbStruct;
    uint32_t cPageReferenced;
    uint32_t cPageRead;
    uint32_t cPagePreread;
    uint32_t cPageDirtied;
    uint32_t cPageRedirtied;
    uint32_t cLogRecord;
    uint32_t cbLogRecord;
} JET_THREADSTATS;

typedef struct JET_THREADSTATS2
{
    uint32_t cbStruct;
    uint32_t cPageReferenced;
    uint32_t cPageRead;
    uint32_t cPagePreread;
    uint32_t cPageDirtied;
    uint32_t cPageRedirtied;
    uint32_t cLogRecord;
    uint32_t cbLogRecord;
    uint64_t cusecPageCacheMiss;    /* microseconds spent on cache misses */
    uint32_t cPageCacheMiss;
} JET_THREADSTATS2;

#if JET_VERSION >= 0x0A01
typedef struct JET_THREADSTATS3
{
    uint32_t cbStruct;
    uint32_t cPageReferenced;
    uint32_t cPageRead;
    uint32_t cPagePreread;
    uint32_t cPageDirtied;
    uint32_t cPageRedirtied;
    uint32_t cLogRecord;
    uint32_t cbLogRecord;
    uint64_t cusecPageCacheMiss;
    uint32_t cPageCacheMiss;
    uint32_t cSeparatedLongValueRead;
    uint64_t cusecLongValuePageCacheMiss;
    uint32_t cLongValuePageCacheMiss;
} JET_THREADSTATS3;
#endif

/* ===================================================================== */
/* Restore information (JetInit3)                                         */
/* ===================================================================== */

typedef struct
{
    uint32_t      cbStruct;
    JET_RSTMAP_A *rgrstmap;
    int32_t       crstmap;
    JET_LGPOS     lgposStop;
    JET_LOGTIME   logtimeStop;
    JET_PFNSTATUS pfnStatus;
} JET_RSTINFO_A;

typedef struct
{
    uint32_t      cbStruct;
    JET_RSTMAP_W *rgrstmap;
    int32_t       crstmap;
    JET_LGPOS     lgposStop;
    JET_LOGTIME   logtimeStop;
    JET_PFNSTATUS pfnStatus;
} JET_RSTINFO_W;

/* ===================================================================== */
/* Error categories and extended error information (JetGetErrorInfoW)    */
/* ===================================================================== */

/* Error category (a C enum in the SDK; 32 bits either way). */
typedef uint32_t JET_ERRCAT;
#define JET_errcatUnknown           0
#define JET_errcatError             1
#define JET_errcatOperation         2
#define JET_errcatFatal             3
#define JET_errcatIO                4
#define JET_errcatResource          5
#define JET_errcatMemory            6
#define JET_errcatQuota             7
#define JET_errcatDisk              8
#define JET_errcatData              9
#define JET_errcatCorruption        10
#define JET_errcatInconsistent      11
#define JET_errcatFragmentation     12
#define JET_errcatApi               13
#define JET_errcatUsage             14
#define JET_errcatState             15
#define JET_errcatObsolete          16
#define JET_errcatMax               17

typedef struct
{
    uint32_t      cbStruct;
    JET_ERR       errValue;
    JET_ERRCAT    errcatMostSpecific;
    unsigned char rgCategoricalHierarchy[8];    /* most general first */
    uint32_t      lSourceLine;
    WCHAR         rgszSourceFile[64];
} JET_ERRINFOBASIC_W;

#if JET_VERSION >= 0x0A00
/* grbit passed to a JET_PFNDURABLECOMMITCALLBACK */
#define JET_bitDurableCommitCallbackLogUnavailable  0x00000001
#endif

/* Commit identifier returned by JetCommitTransaction2. */
typedef struct
{
    JET_SIGNATURE signLog;
    int32_t       reserved;     /* keeps commitId 8-byte aligned */
    int64_t       commitId;
} JET_COMMIT_ID;

/* Callback installed with JET_paramDurableCommitCallback. */
typedef JET_ERR (JET_API *JET_PFNDURABLECOMMITCALLBACK)(
    JET_INSTANCE instance,
    JET_COMMIT_ID *pCommitIdSeen,
    JET_GRBIT grbit);

/* ===================================================================== */
/* Constants: nil handles and limits                                      */
/* ===================================================================== */

#if JET_VERSION >= 0x0501
#define JET_instanceNil             (~(JET_INSTANCE)0)
#endif
#define JET_sesidNil                (~(JET_SESID)0)
#define JET_tableidNil              (~(JET_TABLEID)0)
#define JET_bitNil                  ((JET_GRBIT)0)

#define JET_cbBookmarkMost          256
#if JET_VERSION >= 0x0601
#define JET_cbBookmarkMostMost      JET_cbKeyMostMost
#endif

/* Longest object / column / index name (bytes; doubled for UTF-16). */
#ifndef JET_UNICODE
#define JET_cbNameMost              64
#define JET_cbFullNameMost          255
#else
#define JET_cbNameMost              128
#define JET_cbFullNameMost          510
#endif

/* LV chunk overhead for pages up to 8 KiB; otherwise query JET_paramLVChunkSizeMost. */
#define JET_cbColumnLVPageOverhead  82

#define JET_cbLVDefaultValueMost    255
#define JET_cbColumnMost            255
#define JET_cbLVColumnMost          0x7FFFFFFF

#if JET_VERSION >= 0x0601
#define JET_cbKeyMostMost           JET_cbKeyMost32KBytePage
#define JET_cbKeyMost32KBytePage    JET_cbKeyMost8KBytePage
#define JET_cbKeyMost16KBytePage    JET_cbKeyMost8KBytePage
#endif
#if JET_VERSION >= 0x0600
#define JET_cbKeyMost8KBytePage     2000
#define JET_cbKeyMost4KBytePage     1000
#define JET_cbKeyMost2KBytePage     500
#define JET_cbKeyMostMin            255
#endif

/* Legacy limits kept for source compatibility. */
#define JET_cbKeyMost               255
#define JET_cbLimitKeyMost          256
#define JET_cbPrimaryKeyMost        255
#define JET_cbSecondaryKeyMost      255

/* Key columns per index */
#if JET_VERSION >= 0x0600
#define JET_ccolKeyMost             16
#else
#define JET_ccolKeyMost             12
#endif

/* Columns per table */
#if JET_VERSION >= 0x0501
#define JET_ccolMost                0x0000fee0
#else
#define JET_ccolMost                0x00007ffe
#endif
#define JET_ccolFixedMost           0x0000007f
#define JET_ccolVarMost             0x00000080
#define JET_ccolTaggedMost          (JET_ccolMost - 0x000000ff)

/* Values of JET_paramEventLoggingLevel */
#if JET_VERSION >= 0x0501
#define JET_EventLoggingDisable     0
#if JET_VERSION >= 0x0601
#define JET_EventLoggingLevelMin    1
#define JET_EventLoggingLevelLow    25
#define JET_EventLoggingLevelMedium 50
#define JET_EventLoggingLevelHigh   75
#endif
#define JET_EventLoggingLevelMax    100
#endif

#if JET_VERSION >= 0x0603
/* Values of JET_paramEnableIndexChecking (a C enum in the SDK). */
typedef uint32_t JET_INDEXCHECKING;
#define JET_IndexCheckingOff                0
#define JET_IndexCheckingOn                 1
#define JET_IndexCheckingDeferToOpenTable   2
#define JET_IndexCheckingMax                3
#endif

/* Values of JET_paramIOPriority */
#if JET_VERSION >= 0x0600
#define JET_IOPriorityNormal        0x0
#define JET_IOPriorityLow           0x1
#endif

/* Values of JET_paramConfiguration */
#if JET_VERSION >= 0x0602
#define JET_configDefault               0x0001
#define JET_configRemoveQuotas          0x0002
#define JET_configLowDiskFootprint      0x0004
#define JET_configMediumDiskFootprint   0x0008
#define JET_configLowMemory             0x0010
#define JET_configDynamicMediumMemory   0x0020
#define JET_configLowPower              0x0040
#define JET_configSSDProfileIO          0x0080
#define JET_configRunSilent             0x0100
#if JET_VERSION >= 0x0A00
#define JET_configUnthrottledMemory     0x0200
#define JET_configHighConcurrencyScaling 0x0400
#endif
#endif

/* ===================================================================== */
/* Session parameters (JetSetSessionParameter / JetGetSessionParameter)  */
/* ===================================================================== */

#define JET_sesparamCommitDefault       4097
#define JET_sesparamTransactionLevel    4099    /* read-only */
#define JET_sesparamOperationContext    4100
#define JET_sesparamCorrelationID       4101
#define JET_sesparamMaxValueInvalid     4111    /* not a parameter */

/* Value of JET_sesparamOperationContext */
typedef struct
{
    uint32_t      ulUserID;
    unsigned char nOperationID;
    unsigned char nOperationType;
    unsigned char nClientType;
    unsigned char fFlags;
} JET_OPERATIONCONTEXT;

#if JET_VERSION >= 0x0601
/* JetConfigureProcessForCrashDump */
#define JET_bitDumpMinimum                      0x00000001
#define JET_bitDumpMaximum                      0x00000002
#define JET_bitDumpCacheMinimum                 0x00000004
#define JET_bitDumpCacheMaximum                 0x00000008
#define JET_bitDumpCacheIncludeDirtyPages       0x00000010
#define JET_bitDumpCacheIncludeCachedPages      0x00000020
#define JET_bitDumpCacheIncludeCorruptedPages   0x00000040
#define JET_bitDumpCacheNoDecommit              0x00000080
#endif

/* ===================================================================== */
/* Backup / restore / instance information                                */
/* ===================================================================== */

/* Log range of a backup set (JetGetLogInfoInstance2, JetExternalRestore2). */
#define JET_BASE_NAME_LENGTH    3

typedef struct
{
    uint32_t cbSize;
    uint32_t ulGenLow;
    uint32_t ulGenHigh;
    char     szBaseName[JET_BASE_NAME_LENGTH + 1];
} JET_LOGINFO_A;

typedef struct
{
    uint32_t cbSize;
    uint32_t ulGenLow;
    uint32_t ulGenHigh;
    WCHAR    szBaseName[JET_BASE_NAME_LENGTH + 1];
} JET_LOGINFO_W;

/* One running instance (JetGetInstanceInfo, JetOSSnapshotFreeze). */
typedef struct _JET_INSTANCE_INFO_A
{
    JET_INSTANCE hInstanceId;
    char        *szInstanceName;
    JET_API_PTR  cDatabases;
    char       **szDatabaseFileName;
    char       **szDatabaseDisplayName;
    char       **szDatabaseSLVFileName_Obsolete;
} JET_INSTANCE_INFO_A;

typedef struct _JET_INSTANCE_INFO_W
{
    JET_INSTANCE hInstanceId;
    WCHAR       *szInstanceName;
    JET_API_PTR  cDatabases;
    WCHAR      **szDatabaseFileName;
    WCHAR      **szDatabaseDisplayName;
    WCHAR      **szDatabaseSLVFileName_Obsolete;
} JET_INSTANCE_INFO_W;

/* OS (VSS) snapshot session */
typedef JET_API_PTR JET_OSSNAPID;

/* ===================================================================== */
/* System parameters (JetSetSystemParameter / JetGetSystemParameter)     */
/* ===================================================================== */

#define JET_paramSystemPath                                  0
#define JET_paramTempPath                                    1
#define JET_paramLogFilePath                                 2
#define JET_paramBaseName                                    3
#define JET_paramEventSource                                 4
#define JET_paramMaxSessions                                 5
#define JET_paramMaxOpenTables                               6
#define JET_paramPreferredMaxOpenTables                      7
#if JET_VERSION >= 0x0600
#define JET_paramCachedClosedTables                          125
#endif
#define JET_paramMaxCursors                                  8
#define JET_paramMaxVerPages                                 9
#define JET_paramPreferredVerPages                           63
#if JET_VERSION >= 0x0501
#define JET_paramGlobalMinVerPages                           81
#define JET_paramVersionStoreTaskQueueMax                    105
#endif
#define JET_paramMaxTemporaryTables                          10
#define JET_paramLogFileSize                                 11
#define JET_paramLogBuffers                                  12
#define JET_paramWaitLogFlush                                13
#define JET_paramLogCheckpointPeriod                         14
#define JET_paramLogWaitingUserMax                           15
#define JET_paramCommitDefault                               16
#define JET_paramCircularLog                                 17
#define JET_paramDbExtensionSize                             18
#define JET_paramPageTempDBMin                               19
#define JET_paramPageFragment                                20
#if JET_VERSION >= 0x0600
#define JET_paramEnableFileCache                             126
#define JET_paramVerPageSize                                 128
#define JET_paramConfiguration                               129
#define JET_paramEnableAdvanced                              130
#define JET_paramMaxColtyp                                   131
#endif
#define JET_paramBatchIOBufferMax                            22
#define JET_paramCacheSize                                   41
#define JET_paramCacheSizeMin                                60
#define JET_paramCacheSizeMax                                23
#define JET_paramCheckpointDepthMax                          24
#define JET_paramLRUKCorrInterval                            25
#define JET_paramLRUKHistoryMax                              26
#define JET_paramLRUKPolicy                                  27
#define JET_paramLRUKTimeout                                 28
#define JET_paramLRUKTrxCorrInterval                         29
#define JET_paramOutstandingIOMax                            30
#define JET_paramStartFlushThreshold                         31
#define JET_paramStopFlushThreshold                          32
#if JET_VERSION >= 0x0600
#define JET_paramEnableViewCache                             127
#define JET_paramCheckpointIOMax                             135
#define JET_paramTableClass1Name                             137
#define JET_paramTableClass2Name                             138
#define JET_paramTableClass3Name                             139
#define JET_paramTableClass4Name                             140
#define JET_paramTableClass5Name                             141
#define JET_paramTableClass6Name                             142
#define JET_paramTableClass7Name                             143
#define JET_paramTableClass8Name                             144
#define JET_paramTableClass9Name                             145
#define JET_paramTableClass10Name                            146
#define JET_paramTableClass11Name                            147
#define JET_paramTableClass12Name                            148
#define JET_paramTableClass13Name                            149
#define JET_paramTableClass14Name                            150
#define JET_paramTableClass15Name                            151
#endif
#define JET_paramIOPriority                                  152
#define JET_paramRecovery                                    34
#define JET_paramEnableOnlineDefrag                          35
#define JET_paramCheckFormatWhenOpenFail                     44
#define JET_paramEnableTempTableVersioning                   46
#define JET_paramIgnoreLogVersion                            47
#define JET_paramDeleteOldLogs                               48
#define JET_paramEventSourceKey                              49
#define JET_paramNoInformationEvent                          50
#if JET_VERSION >= 0x0501
#define JET_paramEventLoggingLevel                           51
#define JET_paramDeleteOutOfRangeLogs                        52
#define JET_paramAccessDeniedRetryPeriod                     53
#endif
#define JET_paramEnableIndexChecking                         45
#if JET_VERSION >= 0x0502
#define JET_paramEnableIndexCleanup                          54
#endif
#define JET_paramDatabasePageSize                            64
#if JET_VERSION >= 0x0501
#define JET_paramDisableCallbacks                            65
#define JET_paramLogFileCreateAsynch                         69
#endif
#define JET_paramErrorToString                               70
#if JET_VERSION >= 0x0501
#define JET_paramZeroDatabaseDuringBackup                    71
#endif
#define JET_paramUnicodeIndexDefault                         72
#if JET_VERSION >= 0x0501
#define JET_paramRuntimeCallback                             73
#endif
#define JET_paramCleanupMismatchedLogFiles                   77
#if JET_VERSION >= 0x0501
#define JET_paramRecordUpgradeDirtyLevel                     78
#define JET_paramOSSnapshotTimeout                           82
#endif
#define JET_paramExceptionAction                             98
#define JET_paramEventLogCache                               99
#if JET_VERSION >= 0x0501
#define JET_paramCreatePathIfNotExist                        100
#define JET_paramPageHintCacheSize                           101
#define JET_paramOneDatabasePerSession                       102
#define JET_paramMaxInstances                                104
#define JET_paramDisablePerfmon                              107
#define JET_paramIndexTuplesLengthMin                        110
#define JET_paramIndexTuplesLengthMax                        111
#define JET_paramIndexTuplesToIndexMax                       112
#endif
#if JET_VERSION >= 0x0502
#define JET_paramAlternateDatabaseRecoveryPath               113
#endif
#if JET_VERSION >= 0x0600
#define JET_paramIndexTupleIncrement                         132
#define JET_paramIndexTupleStart                             133
#define JET_paramKeyMost                                     134
#define JET_paramLegacyFileNames                             136
#define JET_paramEnablePersistedCallbacks                    156
#endif
#if JET_VERSION >= 0x0601
#define JET_paramWaypointLatency                             153
#define JET_paramDefragmentSequentialBTrees                  160
#define JET_paramDefragmentSequentialBTreesDensityCheckFrequency 161
#define JET_paramIOThrottlingTimeQuanta                      162
#define JET_paramLVChunkSizeMost                             163
#define JET_paramMaxCoalesceReadSize                         164
#define JET_paramMaxCoalesceWriteSize                        165
#define JET_paramMaxCoalesceReadGapSize                      166
#define JET_paramMaxCoalesceWriteGapSize                     167
#define JET_paramEnableDBScanInRecovery                      169
#define JET_paramDbScanThrottle                              170
#define JET_paramDbScanIntervalMinSec                        171
#define JET_paramDbScanIntervalMaxSec                        172
#endif
#if JET_VERSION >= 0x0602
#define JET_paramCachePriority                               177
#define JET_paramMaxTransactionSize                          178
#define JET_paramPrereadIOMax                                179
#define JET_paramEnableDBScanSerialization                   180
#define JET_paramHungIOThreshold                             181
#define JET_paramHungIOActions                               182
#define JET_paramMinDataForXpress                            183
#endif
#if JET_VERSION >= 0x0603
#define JET_paramEnableShrinkDatabase                        184
#endif
#if JET_VERSION >= 0x0602
#define JET_paramProcessFriendlyName                         186
#define JET_paramDurableCommitCallback                       187
#endif
#if JET_VERSION >= 0x0603
#define JET_paramEnableSqm                                   188
#endif
#if JET_VERSION >= 0x0A00
#define JET_paramConfigStoreSpec                             189
#endif
#if JET_VERSION >= 0x0A01
#define JET_paramUseFlushForWriteDurability                  214
#define JET_paramEnableRBS                                   215
#define JET_paramRBSFilePath                                 216
#define JET_paramPerfmonRefreshInterval                      217
#endif
#define JET_paramMaxValueInvalid                             218

/* ===================================================================== */
/* Option bits and miscellaneous values                                   */
/* ===================================================================== */

#if JET_VERSION >= 0x0600
/* JET_paramLegacyFileNames */
#define JET_bitESE98FileNames           0x00000001
#define JET_bitEightDotThreeSoftCompat  0x00000002
#endif

/* JET_paramHungIOActions */
#define JET_bitHungIOEvent              0x00000001

#if JET_VERSION >= 0x0603
/* JET_paramEnableShrinkDatabase */
#define JET_bitShrinkDatabaseOff        0x0
#define JET_bitShrinkDatabaseOn         0x1
#define JET_bitShrinkDatabaseRealtime   0x2
#define JET_bitShrinkDatabaseTrim       0x1     /* deprecated alias of ...On */
#endif

/* JetInit2 / JetInit3 */
#if JET_VERSION >= 0x0501
#define JET_bitReplayIgnoreMissingDB        0x00000004
#endif
#if JET_VERSION >= 0x0600
#define JET_bitRecoveryWithoutUndo          0x00000008
#define JET_bitTruncateLogsAfterRecovery    0x00000010
#define JET_bitReplayMissingMapEntryDB      0x00000020
#define JET_bitLogStreamMustExist           0x00000040
#endif
#if JET_VERSION >= 0x0601
#define JET_bitReplayIgnoreLostLogs         0x00000080
#endif
#if JET_VERSION >= 0x0602
#define JET_bitKeepDbAttachedAtEndOfRecovery 0x00001000
#endif

/* JetTerm2 */
#define JET_bitTermComplete             0x00000001
#define JET_bitTermAbrupt               0x00000002
#define JET_bitTermStopBackup           0x00000004
#if JET_VERSION >= 0x0601
#define JET_bitTermDirty                0x00000008
#endif

/* JetIdle */
#define JET_bitIdleFlushBuffers         0x00000001
#define JET_bitIdleCompact              0x00000002
#define JET_bitIdleStatus               0x00000004

/* JetAttachDatabase / JetOpenDatabase */
#define JET_bitDbReadOnly               0x00000001
#define JET_bitDbExclusive              0x00000002
#define JET_bitDbDeleteCorruptIndexes   0x00000010
#if JET_VERSION >= 0x0502
#define JET_bitDbDeleteUnicodeIndexes   0x00000400
#endif
#if JET_VERSION >= 0x0501
#define JET_bitDbUpgrade                0x00000200
#endif
#if JET_VERSION >= 0x0601
#define JET_bitDbEnableBackgroundMaintenance 0x00000800
#endif
#if JET_VERSION >= 0x0602
#define JET_bitDbPurgeCacheOnAttach     0x00001000
#endif

/* JetDetachDatabase2 */
#if JET_VERSION >= 0x0501
#define JET_bitForceDetach              0x00000001
#define JET_bitForceCloseAndDetach      (0x00000002 | JET_bitForceDetach)
#endif

/* JetCreateDatabase */
#define JET_bitDbRecoveryOff            0x00000008
#define JET_bitDbShadowingOff           0x00000080
#if JET_VERSION >= 0x0501
#define JET_bitDbOverwriteExisting      0x00000200
#endif

/* JetBackup / JetBeginExternalBackup(Instance) */
#define JET_bitBackupIncremental        0x00000001
#define JET_bitBackupAtomic             0x00000004
#if JET_VERSION >= 0x0501
#define JET_bitBackupSnapshot           0x00000010
#endif

/* JetEndExternalBackupInstance2 */
#if JET_VERSION >= 0x0501
#define JET_bitBackupEndNormal          0x0001
#define JET_bitBackupEndAbort           0x0002
#endif
#if JET_VERSION >= 0x0600
#define JET_bitBackupTruncateDone       0x0100
#endif

/* Database id */
#define JET_dbidNil                     ((JET_DBID)0xFFFFFFFF)

/* JetCreateTableColumnIndex */
#define JET_bitTableCreateFixedDDL          0x00000001
#define JET_bitTableCreateTemplateTable     0x00000002
#if JET_VERSION >= 0x0501
#define JET_bitTableCreateNoFixedVarColumnsInDerivedTables 0x00000004
#endif
#if JET_VERSION >= 0x0A00
#define JET_bitTableCreateImmutableStructure 0x00000008
#endif

/* JetAddColumn / JetGetColumnInfo / JetOpenTempTable */
#define JET_bitColumnFixed              0x00000001
#define JET_bitColumnTagged             0x00000002
#define JET_bitColumnNotNULL            0x00000004
#define JET_bitColumnVersion            0x00000008
#define JET_bitColumnAutoincrement      0x00000010
#define JET_bitColumnUpdatable          0x00000020
#define JET_bitColumnTTKey              0x00000040
#define JET_bitColumnTTDescending       0x00000080
#define JET_bitColumnMultiValued        0x00000400
#define JET_bitColumnEscrowUpdate       0x00000800
#define JET_bitColumnUnversioned        0x00001000
#if JET_VERSION >= 0x0501
#define JET_bitColumnMaybeNull          0x00002000
#define JET_bitColumnFinalize           0x00004000
#define JET_bitColumnUserDefinedDefault 0x00008000
#endif
#if JET_VERSION >= 0x0502
#define JET_bitColumnDeleteOnZero       0x00020000
#endif
#if JET_VERSION >= 0x0601
#define JET_bitColumnCompressed         0x00080000
#endif

/* JetDeleteColumn2 */
#if JET_VERSION >= 0x0501
#define JET_bitDeleteColumnIgnoreTemplateColumns 0x00000001
#endif

/* JetSetCurrentIndex */
#define JET_bitMoveFirst                0x00000000
#define JET_bitNoMove                   0x00000002

/* JetMakeKey */
#define JET_bitNewKey                   0x00000001
#define JET_bitStrLimit                 0x00000002
#define JET_bitSubStrLimit              0x00000004
#define JET_bitNormalizedKey            0x00000008
#define JET_bitKeyDataZeroLength        0x00000010
#if JET_VERSION >= 0x0501
#define JET_bitFullColumnStartLimit     0x00000100
#define JET_bitFullColumnEndLimit       0x00000200
#define JET_bitPartialColumnStartLimit  0x00000400
#define JET_bitPartialColumnEndLimit    0x00000800
#endif

/* JetSetIndexRange */
#define JET_bitRangeInclusive           0x00000001
#define JET_bitRangeUpperLimit          0x00000002
#define JET_bitRangeInstantDuration     0x00000004
#define JET_bitRangeRemove              0x00000008

/* JetGetLock */
#define JET_bitReadLock                 0x00000001
#define JET_bitWriteLock                0x00000002

/* JetMove: row counts */
#define JET_MoveFirst                   (0x80000000)
#define JET_MovePrevious                (-1)
#define JET_MoveNext                    (+1)
#define JET_MoveLast                    (0x7fffffff)

/* JetMove: options */
#define JET_bitMoveKeyNE                0x00000001

/* JetSeek */
#define JET_bitSeekEQ                   0x00000001
#define JET_bitSeekLT                   0x00000002
#define JET_bitSeekLE                   0x00000004
#define JET_bitSeekGE                   0x00000008
#define JET_bitSeekGT                   0x00000010
#define JET_bitSetIndexRange            0x00000020
#if JET_VERSION >= 0x0502
#define JET_bitCheckUniqueness          0x00000040
#endif

/* JetGotoSecondaryIndexBookmark */
#if JET_VERSION >= 0x0501
#define JET_bitBookmarkPermitVirtualCurrency 0x00000001
#endif

/* JET_CONDITIONALCOLUMN.grbit */
#define JET_bitIndexColumnMustBeNull    0x00000001
#define JET_bitIndexColumnMustBeNonNull 0x00000002

/* JET_INDEXRANGE.grbit */
#define JET_bitRecordInIndex            0x00000001
#define JET_bitRecordNotInIndex         0x00000002

/* JetCreateIndex */
#define JET_bitIndexUnique              0x00000001
#define JET_bitIndexPrimary             0x00000002
#define JET_bitIndexDisallowNull        0x00000004
#define JET_bitIndexIgnoreNull          0x00000008
#define JET_bitIndexIgnoreAnyNull       0x00000020
#define JET_bitIndexIgnoreFirstNull     0x00000040
#define JET_bitIndexLazyFlush           0x00000080
#define JET_bitIndexEmpty               0x00000100
#define JET_bitIndexUnversioned         0x00000200
#define JET_bitIndexSortNullsHigh       0x00000400
#define JET_bitIndexUnicode             0x00000800
#if JET_VERSION >= 0x0501
#define JET_bitIndexTuples              0x00001000
#endif
#if JET_VERSION >= 0x0502
#define JET_bitIndexTupleLimits         0x00002000
#endif
#if JET_VERSION >= 0x0600
#define JET_bitIndexCrossProduct        0x00004000
#define JET_bitIndexKeyMost             0x00008000
#define JET_bitIndexDisallowTruncation  0x00010000
#define JET_bitIndexNestedTable         0x00020000
#endif
#if JET_VERSION >= 0x0602
#define JET_bitIndexDotNetGuid          0x00040000
#endif
#if JET_VERSION >= 0x0A00
#define JET_bitIndexImmutableStructure  0x00080000
#endif

/* Key segment direction */
#define JET_bitKeyAscending             0x00000000
#define JET_bitKeyDescending            0x00000001

/* JetOpenTable */
#define JET_bitTableDenyWrite           0x00000001
#define JET_bitTableDenyRead            0x00000002
#define JET_bitTableReadOnly            0x00000004
#define JET_bitTableUpdatable           0x00000008
#define JET_bitTablePermitDDL           0x00000010
#define JET_bitTableNoCache             0x00000020
#define JET_bitTablePreread             0x00000040
#define JET_bitTableOpportuneRead       0x00000080
#define JET_bitTableSequential          0x00008000

/* Table statistics classes (JetOpenTable grbit) */
#define JET_bitTableClassMask           0x001F0000
#define JET_bitTableClassNone           0x00000000
#define JET_bitTableClass1              0x00010000
#define JET_bitTableClass2              0x00020000
#define JET_bitTableClass3              0x00030000
#define JET_bitTableClass4              0x00040000
#define JET_bitTableClass5              0x00050000
#define JET_bitTableClass6              0x00060000
#define JET_bitTableClass7              0x00070000
#define JET_bitTableClass8              0x00080000
#define JET_bitTableClass9              0x00090000
#define JET_bitTableClass10             0x000A0000
#define JET_bitTableClass11             0x000B0000
#define JET_bitTableClass12             0x000C0000
#define JET_bitTableClass13             0x000D0000
#define JET_bitTableClass14             0x000E0000
#define JET_bitTableClass15             0x000F0000

/* JetGetLS / JetSetLS */
#if JET_VERSION >= 0x0501
#define JET_bitLSReset                  0x00000001
#define JET_bitLSCursor                 0x00000002
#define JET_bitLSTable                  0x00000004
#define JET_LSNil                       (~(JET_LS)0)
#endif

/* JetSetTableSequential / JetPrereadIndexRanges */
#if JET_VERSION >= 0x0601
#define JET_bitPrereadForward           0x00000001
#define JET_bitPrereadBackward          0x00000002
#if JET_VERSION >= 0x0602
#define JET_bitPrereadFirstPage         0x00000004
#define JET_bitPrereadNormalizedKey     0x00000008
#endif
#endif

/* JetOpenTempTable */
#define JET_bitTTIndexed                0x00000001
#define JET_bitTTUnique                 0x00000002
#define JET_bitTTUpdatable              0x00000004
#define JET_bitTTScrollable             0x00000008
#define JET_bitTTSortNullsHigh          0x00000010
#define JET_bitTTForceMaterialization   0x00000020
#if JET_VERSION >= 0x0501
#define JET_bitTTErrorOnDuplicateInsertion JET_bitTTForceMaterialization
#endif
#if JET_VERSION >= 0x0502
#define JET_bitTTForwardOnly            0x00000040
#endif
#if JET_VERSION >= 0x0601
#define JET_bitTTIntrinsicLVsOnly       0x00000080
#endif
#if JET_VERSION >= 0x0602
#define JET_bitTTDotNetGuid             0x00000100
#endif

/* JetSetColumn */
#define JET_bitSetAppendLV              0x00000001
#define JET_bitSetOverwriteLV           0x00000004
#define JET_bitSetSizeLV                0x00000008
#define JET_bitSetZeroLength            0x00000020
#define JET_bitSetSeparateLV            0x00000040
#define JET_bitSetUniqueMultiValues     0x00000080
#define JET_bitSetUniqueNormalizedMultiValues 0x00000100
#if JET_VERSION >= 0x0501
#define JET_bitSetRevertToDefaultValue  0x00000200
#define JET_bitSetIntrinsicLV           0x00000400
#endif
#if JET_VERSION >= 0x0601
#define JET_bitSetUncompressed          0x00010000
#define JET_bitSetCompressed            0x00020000
#if JET_VERSION >= 0x0A01
#define JET_bitSetContiguousLV          0x00040000
#endif
#endif

/* JET_SPACEHINTS.grbit */
#if JET_VERSION >= 0x0601
#define JET_bitSpaceHintsUtilizeParentSpace     0x00000001
#define JET_bitCreateHintAppendSequential       0x00000002
#define JET_bitCreateHintHotpointSequential     0x00000004
#define JET_bitRetrieveHintReserve1             0x00000008
#define JET_bitRetrieveHintTableScanForward     0x00000010
#define JET_bitRetrieveHintTableScanBackward    0x00000020
#define JET_bitRetrieveHintReserve2             0x00000040
#define JET_bitRetrieveHintReserve3             0x00000080
#define JET_bitDeleteHintTableSequential        0x00000100
#endif

/* One column for JetSetColumns */
typedef struct
{
    JET_COLUMNID columnid;
    const void  *pvData;
    uint32_t     cbData;
    JET_GRBIT    grbit;
    uint32_t     ibLongValue;
    uint32_t     itagSequence;
    JET_ERR      err;           /* out */
} JET_SETCOLUMN;

/* One system parameter for JetEnableMultiInstance */
typedef struct
{
    uint32_t    paramid;
    JET_API_PTR lParam;
    const char *sz;
    JET_ERR     err;            /* out */
} JET_SETSYSPARAM_A;

typedef struct
{
    uint32_t     paramid;
    JET_API_PTR  lParam;
    const WCHAR *sz;
    JET_ERR      err;           /* out */
} JET_SETSYSPARAM_W;

/* JetPrepareUpdate */
#define JET_prepInsert                  0
#define JET_prepReplace                 2
#define JET_prepCancel                  3
#define JET_prepReplaceNoLock           4
#define JET_prepInsertCopy              5
#if JET_VERSION >= 0x0501
#define JET_prepInsertCopyDeleteOriginal 7
#endif
#if JET_VERSION >= 0x0603
#define JET_prepInsertCopyReplaceOriginal 9
#endif

#if JET_VERSION >= 0x0603
/* JET_paramEnableSqm (ignored) */
#define JET_sqmDisable                  0
#define JET_sqmEnable                   1
#define JET_sqmFromCEIP                 2
#endif

/* JetUpdate2 */
#if JET_VERSION >= 0x0502
#define JET_bitUpdateCheckESE97Compatibility 0x00000001
#endif

/* JetEscrowUpdate */
#define JET_bitEscrowNoRollback         0x0001

/* JetRetrieveColumn */
#define JET_bitRetrieveCopy                 0x00000001
#define JET_bitRetrieveFromIndex            0x00000002
#define JET_bitRetrieveFromPrimaryBookmark  0x00000004
#define JET_bitRetrieveTag                  0x00000008
#define JET_bitRetrieveNull                 0x00000010
#define JET_bitRetrieveIgnoreDefault        0x00000020
#if JET_VERSION >= 0x0600
#define JET_bitRetrieveTuple                0x00000800
#endif

/* JET_INDEX_COLUMN.grbit */
#if JET_VERSION >= 0x0602
#define JET_bitZeroLength               0x00000001
#endif

/* One column for JetRetrieveColumns */
typedef struct
{
    JET_COLUMNID columnid;
    void        *pvData;
    uint32_t     cbData;
    uint32_t     cbActual;          /* out */
    JET_GRBIT    grbit;
    uint32_t     ibLongValue;
    uint32_t     itagSequence;
    JET_COLUMNID columnidNextTagged; /* out */
    JET_ERR      err;               /* out */
} JET_RETRIEVECOLUMN;

/* JetEnumerateColumns */
#define JET_bitEnumerateCopy                    JET_bitRetrieveCopy
#define JET_bitEnumerateIgnoreDefault           JET_bitRetrieveIgnoreDefault
#define JET_bitEnumeratePresenceOnly            0x00020000
#define JET_bitEnumerateTaggedOnly              0x00040000
#define JET_bitEnumerateCompressOutput          0x00080000
#if JET_VERSION >= 0x0502
#define JET_bitEnumerateIgnoreUserDefinedDefault 0x00100000
#endif
#if JET_VERSION >= 0x0601
#define JET_bitEnumerateInRecordOnly            0x00200000
#endif

/* Which values of a column JetEnumerateColumns should return */
typedef struct
{
    JET_COLUMNID columnid;
    uint32_t     ctagSequence;
    uint32_t    *rgtagSequence;
} JET_ENUMCOLUMNID;

typedef struct
{
    uint32_t itagSequence;
    JET_ERR  err;
    uint32_t cbData;
    void    *pvData;
} JET_ENUMCOLUMNVALUE;

typedef struct
{
    JET_COLUMNID columnid;
    JET_ERR      err;
    JET_ANON_ union
    {
        JET_ANON_ struct            /* when err != JET_wrnColumnSingleValue */
        {
            uint32_t             cEnumColumnValue;
            JET_ENUMCOLUMNVALUE *rgEnumColumnValue;
        };
        JET_ANON_ struct            /* when err == JET_wrnColumnSingleValue */
        {
            uint32_t cbData;
            void    *pvData;
        };
    };
} JET_ENUMCOLUMN;

/* Memory allocator used by JetEnumerateColumns (realloc semantics). */
typedef void *(JET_API *JET_PFNREALLOC)(
    void *pvContext,
    void *pv,
    uint32_t cb);

/* JetGetRecordSize */
#define JET_bitRecordSizeInCopyBuffer   0x00000001
#define JET_bitRecordSizeRunningTotal   0x00000002
#define JET_bitRecordSizeLocal          0x00000004

typedef struct
{
    uint64_t cbData;
    uint64_t cbLongValueData;
    uint64_t cbOverhead;
    uint64_t cbLongValueOverhead;
    uint64_t cNonTaggedColumns;
    uint64_t cTaggedColumns;
    uint64_t cLongValues;
    uint64_t cMultiValues;
} JET_RECSIZE;

typedef struct
{
    uint64_t cbData;
    uint64_t cbLongValueData;
    uint64_t cbOverhead;
    uint64_t cbLongValueOverhead;
    uint64_t cNonTaggedColumns;
    uint64_t cTaggedColumns;
    uint64_t cLongValues;
    uint64_t cMultiValues;
    uint64_t cCompressedColumns;
    uint64_t cbDataCompressed;
    uint64_t cbLongValueDataCompressed;
} JET_RECSIZE2;

/* JetBeginTransaction2 */
#if JET_VERSION >= 0x0501
#define JET_bitTransactionReadOnly      0x00000001
#endif

/* JetCommitTransaction */
#define JET_bitCommitLazyFlush          0x00000001
#define JET_bitWaitLastLevel0Commit     0x00000002
#if JET_VERSION >= 0x0502
#define JET_bitWaitAllLevel0Commit      0x00000008
#endif
#if JET_VERSION >= 0x0601
#define JET_bitForceNewLog              0x00000010
#endif

/* JetRollback */
#define JET_bitRollbackAll              0x00000001

#if JET_VERSION >= 0x0600
/* JetOSSnapshotPrepare */
#define JET_bitIncrementalSnapshot      0x00000001
#define JET_bitCopySnapshot             0x00000002
#define JET_bitContinueAfterThaw        0x00000004
#if JET_VERSION >= 0x0601
#define JET_bitExplicitPrepare          0x00000008
#endif
/* JetOSSnapshotTruncateLog(Instance) */
#define JET_bitAllDatabasesSnapshot     0x00000001
/* JetOSSnapshotEnd */
#define JET_bitAbortSnapshot            0x00000001
#endif

/* JetGetDatabaseInfo / JetGetDatabaseFileInfo info levels */
#define JET_DbInfoFilename          0
#define JET_DbInfoConnect           1
#define JET_DbInfoCountry           2
#if JET_VERSION >= 0x0501
#define JET_DbInfoLCID              3
#endif
#define JET_DbInfoLangid            3   /* obsolete name of JET_DbInfoLCID */
#define JET_DbInfoCp                4
#define JET_DbInfoCollate           5
#define JET_DbInfoOptions           6
#define JET_DbInfoTransactions      7
#define JET_DbInfoVersion           8
#define JET_DbInfoIsam              9
#define JET_DbInfoFilesize          10
#define JET_DbInfoSpaceOwned        11
#define JET_DbInfoSpaceAvailable    12
#define JET_DbInfoUpgrade           13
#define JET_DbInfoMisc              14
#if JET_VERSION >= 0x0501
#define JET_DbInfoDBInUse           15
#define JET_DbInfoPageSize          17
#endif
#if JET_VERSION >= 0x0600
#define JET_DbInfoFileType          19
#if JET_VERSION >= 0x0603
#define JET_DbInfoFilesizeOnDisk    21
#endif
#endif

/* JET_DBINFOMISC.dbstate */
#define JET_dbstateJustCreated      1
#define JET_dbstateDirtyShutdown    2
#define JET_dbstateCleanShutdown    3
#define JET_dbstateBeingConverted   4
#if JET_VERSION >= 0x0501
#define JET_dbstateForceDetach      5
#endif

#if JET_VERSION >= 0x0600
/* JetGetDatabaseFileInfo(JET_DbInfoFileType) results */
#define JET_filetypeUnknown         0
#define JET_filetypeDatabase        1
#define JET_filetypeLog             3
#define JET_filetypeCheckpoint      4
#define JET_filetypeTempDatabase    5
#define JET_filetypeFlushMap        7
#endif

/* Column types */
#define JET_coltypNil               0
#define JET_coltypBit               1   /* true / false / NULL */
#define JET_coltypUnsignedByte      2
#define JET_coltypShort             3
#define JET_coltypLong              4
#define JET_coltypCurrency          5   /* signed 64-bit */
#define JET_coltypIEEESingle        6
#define JET_coltypIEEEDouble        7
#define JET_coltypDateTime          8
#define JET_coltypBinary            9   /* up to 255 bytes */
#define JET_coltypText              10  /* up to 255 bytes */
#define JET_coltypLongBinary        11
#define JET_coltypLongText          12
#if JET_VERSION < 0x0501
#define JET_coltypMax               13
#endif
#if JET_VERSION >= 0x0501
#define JET_coltypSLV               13  /* obsolete */
#if JET_VERSION < 0x0600
#define JET_coltypMax               14
#endif
#endif
#if JET_VERSION >= 0x0600
#define JET_coltypUnsignedLong      14
#define JET_coltypLongLong          15
#define JET_coltypGUID              16
#define JET_coltypUnsignedShort     17
#if JET_VERSION <= 0x0603
#define JET_coltypMax               18
#endif
#endif
#if JET_VERSION >= 0x0A00
#define JET_coltypUnsignedLongLong  18
#define JET_coltypMax               19
#endif

/* JetGetObjectInfo info levels */
#define JET_ObjInfo                 0U
#define JET_ObjInfoListNoStats      1U
#define JET_ObjInfoList             2U
#define JET_ObjInfoSysTabCursor     3U
#define JET_ObjInfoListACM          4U  /* rejected by JetGetObjectInfo */
#define JET_ObjInfoNoStats          5U
#define JET_ObjInfoSysTabReadOnly   6U
#define JET_ObjInfoRulesLoaded      7U
#define JET_ObjInfoMax              8U

/* JetGetTableInfo info levels */
#define JET_TblInfo                 0U
#define JET_TblInfoName             1U
#define JET_TblInfoDbid             2U
#define JET_TblInfoMostMany         3U
#define JET_TblInfoRvt              4U
#define JET_TblInfoOLC              5U
#define JET_TblInfoResetOLC         6U
#define JET_TblInfoSpaceUsage       7U
#define JET_TblInfoDumpTable        8U
#define JET_TblInfoSpaceAlloc       9U
#define JET_TblInfoSpaceOwned       10U
#define JET_TblInfoSpaceAvailable   11U
#define JET_TblInfoTemplateTableName 12U

/* JetGetIndexInfo / JetGetTableIndexInfo info levels */
#define JET_IdxInfo                 0U
#define JET_IdxInfoList             1U
#define JET_IdxInfoSysTabCursor     2U  /* obsolete */
#define JET_IdxInfoOLC              3U  /* obsolete */
#define JET_IdxInfoResetOLC         4U  /* obsolete */
#define JET_IdxInfoSpaceAlloc       5U
#if JET_VERSION >= 0x0501
#define JET_IdxInfoLCID             6U
#endif
#define JET_IdxInfoLangid           6U  /* obsolete name of JET_IdxInfoLCID */
#define JET_IdxInfoCount            7U
#define JET_IdxInfoVarSegMac        8U
#define JET_IdxInfoIndexId          9U
#if JET_VERSION >= 0x0600
#define JET_IdxInfoKeyMost          10U
#endif
#if JET_VERSION >= 0x0601
#define JET_IdxInfoCreateIndex      11U
#define JET_IdxInfoCreateIndex2     12U
#endif
#if JET_VERSION >= 0x0602
#define JET_IdxInfoCreateIndex3     13U
#define JET_IdxInfoLocaleName       14U
#endif

/* JetGetColumnInfo / JetGetTableColumnInfo info levels */
#define JET_ColInfo                 0U
#define JET_ColInfoList             1U
#define JET_ColInfoSysTabCursor     3U
#define JET_ColInfoBase             4U
#define JET_ColInfoListCompact      5U  /* internal */
#if JET_VERSION >= 0x0501
#define JET_ColInfoByColid          6U
#define JET_ColInfoListSortColumnid 7U  /* obsolete: use the grbit below */
#endif
#if JET_VERSION >= 0x0600
#define JET_ColInfoBaseByColid      8U
/* May be OR-ed into the info level */
#define JET_ColInfoGrbitNonDerivedColumnsOnly   0x80000000
#define JET_ColInfoGrbitMinimalInfo             0x40000000
#define JET_ColInfoGrbitSortByColumnid          0x20000000
#endif

#if JET_VERSION >= 0x0600
/* JetGetInstanceMiscInfo info levels */
#define JET_InstanceMiscInfoLogSignature    0U
#endif

/* Object types */
#define JET_objtypNil               0
#define JET_objtypTable             1

/* JetCompact */
#define JET_bitCompactStats         0x00000020
#define JET_bitCompactRepair        0x00000040

/* Status notification processes (JET_SNP) */
#define JET_snpRepair               2
#define JET_snpCompact              4
#define JET_snpRestore              8
#define JET_snpBackup               9
#define JET_snpUpgrade              10
#if JET_VERSION >= 0x0501
#define JET_snpScrub                11
#define JET_snpUpgradeRecordFormat  12
#endif

/* Status notification types (JET_SNT) */
#define JET_sntBegin                5
#define JET_sntRequirements         7
#define JET_sntProgress             0
#define JET_sntComplete             6
#define JET_sntFail                 3

/* JET_paramExceptionAction */
#define JET_ExceptionMsgBox         0x0001
#define JET_ExceptionNone           0x0002
#define JET_ExceptionFailFast       0x0004

#if JET_VERSION >= 0x0501
/* JET_paramEnableOnlineDefrag */
#define JET_OnlineDefragDisable         0x0000
#define JET_OnlineDefragAllOBSOLETE     0x0001
#define JET_OnlineDefragDatabases       0x0002
#define JET_OnlineDefragSpaceTrees      0x0004
#define JET_OnlineDefragAll             0xffff
#endif

#if JET_VERSION >= 0x0602
/* JetGetErrorInfoW info levels */
#define JET_ErrorInfoSpecificErr    1U

/* JetResizeDatabase */
#define JET_bitResizeDatabaseOnlyGrow   0x00000001
#endif
#if JET_VERSION >= 0x0603
#define JET_bitResizeDatabaseOnlyShrink 0x00000002
#endif

#if JET_VERSION >= 0x0602
/* JetStopServiceInstance2 */
#define JET_bitStopServiceAll                   0x00000000
#define JET_bitStopServiceBackgroundUserTasks   0x00000002
#define JET_bitStopServiceQuiesceCaches         0x00000004
#define JET_bitStopServiceResume                0x80000000
#endif

/* ===================================================================== */
/* Error and warning codes (not versioned)                               */
/* ===================================================================== */

/* Success */
#define JET_errSuccess                                       0

/* Function not yet implemented */
#define JET_wrnNyi                                           -1

/* SYSTEM errors */
#define JET_errRfsFailure                                    -100
#define JET_errRfsNotArmed                                   -101
#define JET_errFileClose                                     -102
#define JET_errOutOfThreads                                  -103
#define JET_errTooManyIO                                     -105
#define JET_errTaskDropped                                   -106
#define JET_errInternalError                                 -107
#define JET_errDisabledFunctionality                         -112
#define JET_errUnloadableOSFunctionality                     -113

/* BUFFER MANAGER errors */
#define JET_errDatabaseBufferDependenciesCorrupted           -255

/* DIRECTORY MANAGER errors */
#define JET_wrnRemainingVersions                             321
#define JET_errPreviousVersion                               -322
#define JET_errPageBoundary                                  -323
#define JET_errKeyBoundary                                   -324
#define JET_errBadPageLink                                   -327
#define JET_errBadBookmark                                   -328
#define JET_errNTSystemCallFailed                            -334
#define JET_errBadParentPageLink                             -338
#define JET_errSPAvailExtCacheOutOfSync                      -340
#define JET_errSPAvailExtCorrupted                           -341
#define JET_errSPAvailExtCacheOutOfMemory                    -342
#define JET_errSPOwnExtCorrupted                             -343
#define JET_errDbTimeCorrupted                               -344
#define JET_wrnUniqueKey                                     345
#define JET_errKeyTruncated                                  -346
#define JET_errDatabaseLeakInSpace                           -348
#define JET_errBadEmptyPage                                  -351
#define wrnBTNotVisibleRejected                              352
#define wrnBTNotVisibleAccumulated                           353
#define JET_errBadLineCount                                  -354
#define JET_errPageTagCorrupted                              -357
#define JET_errNodeCorrupted                                 -358

/* RECORD MANAGER errors */
#define JET_wrnSeparateLongValue                             406
#define JET_wrnRecordFoundGreater                            JET_wrnSeekNotEqual
#define JET_wrnRecordFoundLess                               JET_wrnSeekNotEqual
#define JET_errColumnIllegalNull                             JET_errNullInvalid
#define JET_errKeyTooBig                                     -408
#define JET_errCannotSeparateIntrinsicLV                     -416
#define JET_errSeparatedLongValue                            -421
#define JET_errMustBeSeparateLongValue                       -423
#define JET_errInvalidPreread                                -424

/* LOGGING/RECOVERY errors */
#define JET_errInvalidLoggedOperation                        -500
#define JET_errLogFileCorrupt                                -501
#define JET_errNoBackupDirectory                             -503
#define JET_errBackupDirectoryNotEmpty                       -504
#define JET_errBackupInProgress                              -505
#define JET_errRestoreInProgress                             -506
#define JET_errMissingPreviousLogFile                        -509
#define JET_errLogWriteFail                                  -510
#define JET_errLogDisabledDueToRecoveryFailure               -511
#define JET_errCannotLogDuringRecoveryRedo                   -512
#define JET_errLogGenerationMismatch                         -513
#define JET_errBadLogVersion                                 -514
#define JET_errInvalidLogSequence                            -515
#define JET_errLoggingDisabled                               -516
#define JET_errLogBufferTooSmall                             -517
#define JET_errLogSequenceEnd                                -519
#define JET_errNoBackup                                      -520
#define JET_errInvalidBackupSequence                         -521
#define JET_errBackupNotAllowedYet                           -523
#define JET_errDeleteBackupFileFail                          -524
#define JET_errMakeBackupDirectoryFail                       -525
#define JET_errInvalidBackup                                 -526
#define JET_errRecoveredWithErrors                           -527
#define JET_errMissingLogFile                                -528
#define JET_errLogDiskFull                                   -529
#define JET_errBadLogSignature                               -530
#define JET_errBadDbSignature                                -531
#define JET_errBadCheckpointSignature                        -532
#define JET_errCheckpointCorrupt                             -533
#define JET_errMissingPatchPage                              -534
#define JET_errBadPatchPage                                  -535
#define JET_errRedoAbruptEnded                               -536
#define JET_errPatchFileMissing                              -538
#define JET_errDatabaseLogSetMismatch                        -539
#define JET_errDatabaseStreamingFileMismatch                 -540
#define JET_errLogFileSizeMismatch                           -541
#define JET_errCheckpointFileNotFound                        -542
#define JET_errRequiredLogFilesMissing                       -543
#define JET_errSoftRecoveryOnBackupDatabase                  -544
#define JET_errLogFileSizeMismatchDatabasesConsistent        -545
#define JET_errLogSectorSizeMismatch                         -546
#define JET_errLogSectorSizeMismatchDatabasesConsistent      -547
#define JET_errLogSequenceEndDatabasesConsistent             -548
#define JET_errStreamingDataNotLogged                        -549
#define JET_errDatabaseDirtyShutdown                         -550
#define JET_errDatabaseInconsistent                          JET_errDatabaseDirtyShutdown
#define JET_errConsistentTimeMismatch                        -551
#define JET_errDatabasePatchFileMismatch                     -552
#define JET_errEndingRestoreLogTooLow                        -553
#define JET_errStartingRestoreLogTooHigh                     -554
#define JET_errGivenLogFileHasBadSignature                   -555
#define JET_errGivenLogFileIsNotContiguous                   -556
#define JET_errMissingRestoreLogFiles                        -557
#define JET_wrnExistingLogFileHasBadSignature                558
#define JET_wrnExistingLogFileIsNotContiguous                559
#define JET_errMissingFullBackup                             -560
#define JET_errBadBackupDatabaseSize                         -561
#define JET_errDatabaseAlreadyUpgraded                       -562
#define JET_errDatabaseIncompleteUpgrade                     -563
#define JET_wrnSkipThisRecord                                564
#define JET_errMissingCurrentLogFiles                        -565
#define JET_errDbTimeTooOld                                  -566
#define JET_errDbTimeTooNew                                  -567
#define JET_errMissingFileToBackup                           -569
#define JET_errLogTornWriteDuringHardRestore                 -570
#define JET_errLogTornWriteDuringHardRecovery                -571
#define JET_errLogCorruptDuringHardRestore                   -573
#define JET_errLogCorruptDuringHardRecovery                  -574
#define JET_errMustDisableLoggingForDbUpgrade                -575
#define JET_errBadRestoreTargetInstance                      -577
#define JET_wrnTargetInstanceRunning                         578
#define JET_errRecoveredWithoutUndo                          -579
#define JET_errDatabasesNotFromSameSnapshot                  -580
#define JET_errSoftRecoveryOnSnapshot                        -581
#define JET_errCommittedLogFilesMissing                      -582
#define JET_errSectorSizeNotSupported                        -583
#define JET_errRecoveredWithoutUndoDatabasesConsistent       -584
#define JET_wrnCommittedLogFilesLost                         585
#define JET_errCommittedLogFileCorrupt                       -586
#define JET_wrnCommittedLogFilesRemoved                      587
#define JET_wrnFinishWithUndo                                588
#define JET_errLogSequenceChecksumMismatch                   -590
#define JET_wrnDatabaseRepaired                              595
#define JET_errPageInitializedMismatch                       -596
#define JET_errUnicodeTranslationBufferTooSmall              -601
#define JET_errUnicodeTranslationFail                        -602
#define JET_errUnicodeNormalizationNotSupported              -603
#define JET_errUnicodeLanguageValidationFailure              -604
#define JET_errExistingLogFileHasBadSignature                -610
#define JET_errExistingLogFileIsNotContiguous                -611
#define JET_errLogReadVerifyFailure                          -612
#define JET_errCheckpointDepthTooDeep                        -614
#define JET_errRestoreOfNonBackupDatabase                    -615
#define JET_errLogFileNotCopied                              -616
#define JET_errTransactionTooLong                            -618
#define JET_errEngineFormatVersionNoLongerSupportedTooLow    -619
#define JET_errEngineFormatVersionNotYetImplementedTooHigh   -620
#define JET_errEngineFormatVersionParamTooLowForRequestedFeature -621
#define JET_errEngineFormatVersionSpecifiedTooLowForLogVersion -622
#define JET_errEngineFormatVersionSpecifiedTooLowForDatabaseVersion -623
#define JET_errDbTimeBeyondMaxRequired                       -625
#define JET_errBackupAbortByServer                           -801
#define JET_errInvalidGrbit                                  -900
#define JET_errTermInProgress                                -1000
#define JET_errFeatureNotAvailable                           -1001
#define JET_errInvalidName                                   -1002
#define JET_errInvalidParameter                              -1003
#define JET_wrnColumnNull                                    1004
#define JET_wrnBufferTruncated                               1006
#define JET_wrnDatabaseAttached                              1007
#define JET_errDatabaseFileReadOnly                          -1008
#define JET_wrnSortOverflow                                  1009
#define JET_errInvalidDatabaseId                             -1010
#define JET_errOutOfMemory                                   -1011
#define JET_errOutOfDatabaseSpace                            -1012
#define JET_errOutOfCursors                                  -1013
#define JET_errOutOfBuffers                                  -1014
#define JET_errTooManyIndexes                                -1015
#define JET_errTooManyKeys                                   -1016
#define JET_errRecordDeleted                                 -1017
#define JET_errReadVerifyFailure                             -1018
#define JET_errPageNotInitialized                            -1019
#define JET_errOutOfFileHandles                              -1020
#define JET_errDiskReadVerificationFailure                   -1021
#define JET_errDiskIO                                        -1022
#define JET_errInvalidPath                                   -1023
#define JET_errInvalidSystemPath                             -1024
#define JET_errInvalidLogDirectory                           -1025
#define JET_errRecordTooBig                                  -1026
#define JET_errTooManyOpenDatabases                          -1027
#define JET_errInvalidDatabase                               -1028
#define JET_errNotInitialized                                -1029
#define JET_errAlreadyInitialized                            -1030
#define JET_errInitInProgress                                -1031
#define JET_errFileAccessDenied                              -1032
#define JET_errBufferTooSmall                                -1038
#define JET_wrnSeekNotEqual                                  1039
#define JET_errTooManyColumns                                -1040
#define JET_errContainerNotEmpty                             -1043
#define JET_errInvalidFilename                               -1044
#define JET_errInvalidBookmark                               -1045
#define JET_errColumnInUse                                   -1046
#define JET_errInvalidBufferSize                             -1047
#define JET_errColumnNotUpdatable                            -1048
#define JET_errIndexInUse                                    -1051
#define JET_errLinkNotSupported                              -1052
#define JET_errNullKeyDisallowed                             -1053
#define JET_errNotInTransaction                              -1054
#define JET_wrnNoErrorInfo                                   1055
#define JET_errMustRollback                                  -1057
#define JET_wrnNoIdleActivity                                1058
#define JET_errTooManyActiveUsers                            -1059
#define JET_errInvalidCountry                                -1061
#define JET_errInvalidLanguageId                             -1062
#define JET_errInvalidCodePage                               -1063
#define JET_errInvalidLCMapStringFlags                       -1064
#define JET_errVersionStoreEntryTooBig                       -1065
#define JET_errVersionStoreOutOfMemoryAndCleanupTimedOut     -1066
#define JET_wrnNoWriteLock                                   1067
#define JET_wrnColumnSetNull                                 1068
#define JET_errVersionStoreOutOfMemory                       -1069
#define JET_errCannotIndex                                   -1071
#define JET_errRecordNotDeleted                              -1072
#define JET_errTooManyMempoolEntries                         -1073
#define JET_errOutOfObjectIDs                                -1074
#define JET_errOutOfLongValueIDs                             -1075
#define JET_errOutOfAutoincrementValues                      -1076
#define JET_errOutOfDbtimeValues                             -1077
#define JET_errOutOfSequentialIndexValues                    -1078
#define JET_errRunningInOneInstanceMode                      -1080
#define JET_errRunningInMultiInstanceMode                    -1081
#define JET_errSystemParamsAlreadySet                        -1082
#define JET_errSystemPathInUse                               -1083
#define JET_errLogFilePathInUse                              -1084
#define JET_errTempPathInUse                                 -1085
#define JET_errInstanceNameInUse                             -1086
#define JET_errSystemParameterConflict                       -1087
#define JET_errInstanceUnavailable                           -1090
#define JET_errDatabaseUnavailable                           -1091
#define JET_errInstanceUnavailableDueToFatalLogDiskFull      -1092
#define JET_errInvalidSesparamId                             -1093
#define JET_errTooManyRecords                                -1094
#define JET_errInvalidDbparamId                              -1095
#define JET_errOutOfSessions                                 -1101
#define JET_errWriteConflict                                 -1102
#define JET_errTransTooDeep                                  -1103
#define JET_errInvalidSesid                                  -1104
#define JET_errWriteConflictPrimaryIndex                     -1105
#define JET_errInTransaction                                 -1108
#define JET_errRollbackRequired                              -1109
#define JET_errTransReadOnly                                 -1110
#define JET_errSessionWriteConflict                          -1111
#define JET_errRecordTooBigForBackwardCompatibility          -1112
#define JET_errCannotMaterializeForwardOnlySort              -1113
#define JET_errSesidTableIdMismatch                          -1114
#define JET_errInvalidInstance                               -1115
#define JET_errDirtyShutdown                                 -1116
#define JET_errReadPgnoVerifyFailure                         -1118
#define JET_errReadLostFlushVerifyFailure                    -1119
#define JET_errFileSystemCorruption                          -1121
#define JET_wrnShrinkNotPossible                             1122
#define JET_errRecoveryVerifyFailure                         -1123
#define JET_errFilteredMoveNotSupported                      -1124
#define JET_errDatabaseDuplicate                             -1201
#define JET_errDatabaseInUse                                 -1202
#define JET_errDatabaseNotFound                              -1203
#define JET_errDatabaseInvalidName                           -1204
#define JET_errDatabaseInvalidPages                          -1205
#define JET_errDatabaseCorrupted                             -1206
#define JET_errDatabaseLocked                                -1207
#define JET_errCannotDisableVersioning                       -1208
#define JET_errInvalidDatabaseVersion                        -1209
#define JET_errDatabase200Format                             -1210
#define JET_errDatabase400Format                             -1211
#define JET_errDatabase500Format                             -1212
#define JET_errPageSizeMismatch                              -1213
#define JET_errTooManyInstances                              -1214
#define JET_errDatabaseSharingViolation                      -1215
#define JET_errAttachedDatabaseMismatch                      -1216
#define JET_errDatabaseInvalidPath                           -1217
#define JET_errDatabaseIdInUse                               -1218
#define JET_errForceDetachNotAllowed                         -1219
#define JET_errCatalogCorrupted                              -1220
#define JET_errPartiallyAttachedDB                           -1221
#define JET_errDatabaseSignInUse                             -1222
#define JET_errDatabaseCorruptedNoRepair                     -1224
#define JET_errInvalidCreateDbVersion                        -1225
#define JET_errDatabaseNotReady                              -1230
#define JET_errDatabaseAttachedForRecovery                   -1231
#define JET_errTransactionsNotReadyDuringRecovery            -1232
#define JET_wrnTableEmpty                                    1301
#define JET_errTableLocked                                   -1302
#define JET_errTableDuplicate                                -1303
#define JET_errTableInUse                                    -1304
#define JET_errObjectNotFound                                -1305
#define JET_errDensityInvalid                                -1307
#define JET_errTableNotEmpty                                 -1308
#define JET_errInvalidTableId                                -1310
#define JET_errTooManyOpenTables                             -1311
#define JET_errIllegalOperation                              -1312
#define JET_errTooManyOpenTablesAndCleanupTimedOut           -1313
#define JET_errObjectDuplicate                               -1314
#define JET_errInvalidObject                                 -1316
#define JET_errCannotDeleteTempTable                         -1317
#define JET_errCannotDeleteSystemTable                       -1318
#define JET_errCannotDeleteTemplateTable                     -1319
#define JET_errExclusiveTableLockRequired                    -1322
#define JET_errFixedDDL                                      -1323
#define JET_errFixedInheritedDDL                             -1324
#define JET_errCannotNestDDL                                 -1325
#define JET_errDDLNotInheritable                             -1326
#define JET_wrnTableInUseBySystem                            1327
#define JET_errInvalidSettings                               -1328
#define JET_errClientRequestToStopJetService                 -1329
#define JET_errCannotAddFixedVarColumnToDerivedTable         -1330

/* DDL errors */
#define JET_errIndexCantBuild                                -1401
#define JET_errIndexHasPrimary                               -1402
#define JET_errIndexDuplicate                                -1403
#define JET_errIndexNotFound                                 -1404
#define JET_errIndexMustStay                                 -1405
#define JET_errIndexInvalidDef                               -1406
#define JET_errInvalidCreateIndex                            -1409
#define JET_errTooManyOpenIndexes                            -1410
#define JET_errMultiValuedIndexViolation                     -1411
#define JET_errIndexBuildCorrupted                           -1412
#define JET_errPrimaryIndexCorrupted                         -1413
#define JET_errSecondaryIndexCorrupted                       -1414
#define JET_wrnCorruptIndexDeleted                           1415
#define JET_errInvalidIndexId                                -1416
#define JET_wrnPrimaryIndexOutOfDate                         1417
#define JET_wrnSecondaryIndexOutOfDate                       1418
#define JET_errIndexTuplesSecondaryIndexOnly                 -1430
#define JET_errIndexTuplesTooManyColumns                     -1431
#define JET_errIndexTuplesOneColumnOnly                      JET_errIndexTuplesTooManyColumns
#define JET_errIndexTuplesNonUniqueOnly                      -1432
#define JET_errIndexTuplesTextBinaryColumnsOnly              -1433
#define JET_errIndexTuplesTextColumnsOnly                    JET_errIndexTuplesTextBinaryColumnsOnly
#define JET_errIndexTuplesVarSegMacNotAllowed                -1434
#define JET_errIndexTuplesInvalidLimits                      -1435
#define JET_errIndexTuplesCannotRetrieveFromIndex            -1436
#define JET_errIndexTuplesKeyTooSmall                        -1437
#define JET_errInvalidLVChunkSize                            -1438
#define JET_errColumnCannotBeEncrypted                       -1439
#define JET_errCannotIndexOnEncryptedColumn                  -1440

/* DML errors */
#define JET_errColumnLong                                    -1501
#define JET_errColumnNoChunk                                 -1502
#define JET_errColumnDoesNotFit                              -1503
#define JET_errNullInvalid                                   -1504
#define JET_errColumnIndexed                                 -1505
#define JET_errColumnTooBig                                  -1506
#define JET_errColumnNotFound                                -1507
#define JET_errColumnDuplicate                               -1508
#define JET_errMultiValuedColumnMustBeTagged                 -1509
#define JET_errColumnRedundant                               -1510
#define JET_errInvalidColumnType                             -1511
#define JET_wrnColumnMaxTruncated                            1512
#define JET_errTaggedNotNULL                                 -1514
#define JET_errNoCurrentIndex                                -1515
#define JET_errKeyIsMade                                     -1516
#define JET_errBadColumnId                                   -1517
#define JET_errBadItagSequence                               -1518
#define JET_errColumnInRelationship                          -1519
#define JET_wrnCopyLongValue                                 1520
#define JET_errCannotBeTagged                                -1521
#define JET_errDefaultValueTooBig                            -1524
#define JET_errMultiValuedDuplicate                          -1525
#define JET_errLVCorrupted                                   -1526
#define JET_errMultiValuedDuplicateAfterTruncation           -1528
#define JET_errDerivedColumnCorruption                       -1529
#define JET_errInvalidPlaceholderColumn                      -1530
#define JET_wrnColumnSkipped                                 1531
#define JET_wrnColumnNotLocal                                1532
#define JET_wrnColumnMoreTags                                1533
#define JET_wrnColumnTruncated                               1534
#define JET_wrnColumnPresent                                 1535
#define JET_wrnColumnSingleValue                             1536
#define JET_wrnColumnDefault                                 1537
#define JET_errColumnCannotBeCompressed                      -1538
#define JET_wrnColumnNotInRecord                             1539
#define JET_errColumnNoEncryptionKey                         -1540
#define JET_wrnColumnReference                               1541
#define JET_errRecordNotFound                                -1601
#define JET_errRecordNoCopy                                  -1602
#define JET_errNoCurrentRecord                               -1603
#define JET_errRecordPrimaryChanged                          -1604
#define JET_errKeyDuplicate                                  -1605
#define JET_errAlreadyPrepared                               -1607
#define JET_errKeyNotMade                                    -1608
#define JET_errUpdateNotPrepared                             -1609
#define JET_wrnDataHasChanged                                1610
#define JET_errDataHasChanged                                -1611
#define JET_wrnKeyChanged                                    1618
#define JET_errLanguageNotSupported                          -1619
#define JET_errDecompressionFailed                           -1620
#define JET_errUpdateMustVersion                             -1621
#define JET_errDecryptionFailed                              -1622
#define JET_errEncryptionBadItag                             -1623

/* Sort Table errors */
#define JET_errTooManySorts                                  -1701
#define JET_errInvalidOnSort                                 -1702

/* Other errors */
#define JET_errTempFileOpenError                             -1803
#define JET_errTooManyAttachedDatabases                      -1805
#define JET_errDiskFull                                      -1808
#define JET_errPermissionDenied                              -1809
#define JET_errFileNotFound                                  -1811
#define JET_errFileInvalidType                               -1812
#define JET_wrnFileOpenReadOnly                              1813
#define JET_errFileAlreadyExists                             -1814
#define JET_errAfterInitialization                           -1850
#define JET_errLogCorrupted                                  -1852
#define JET_errInvalidOperation                              -1906
#define JET_errAccessDenied                                  -1907
#define JET_wrnIdleFull                                      1908
#define JET_errTooManySplits                                 -1909
#define JET_errSessionSharingViolation                       -1910
#define JET_errEntryPointNotFound                            -1911
#define JET_errSessionContextAlreadySet                      -1912
#define JET_errSessionContextNotSetByThisThread              -1913
#define JET_errSessionInUse                                  -1914
#define JET_errRecordFormatConversionFailed                  -1915
#define JET_errOneDatabasePerSession                         -1916
#define JET_errRollbackError                                 -1917
#define JET_errFlushMapVersionUnsupported                    -1918
#define JET_errFlushMapDatabaseMismatch                      -1919
#define JET_errFlushMapUnrecoverable                         -1920
#define JET_wrnDefragAlreadyRunning                          2000
#define JET_wrnDefragNotRunning                              2001
#define JET_errDatabaseAlreadyRunningMaintenance             -2004
#define JET_wrnCallbackNotRegistered                         2100
#define JET_errCallbackFailed                                -2101
#define JET_errCallbackNotResolved                           -2102
#define JET_errSpaceHintsInvalid                             -2103
#define JET_errOSSnapshotInvalidSequence                     -2401
#define JET_errOSSnapshotTimeOut                             -2402
#define JET_errOSSnapshotNotAllowed                          -2403
#define JET_errOSSnapshotInvalidSnapId                       -2404
#define JET_errLSCallbackNotSpecified                        -3000
#define JET_errLSAlreadySet                                  -3001
#define JET_errLSNotSet                                      -3002

/* FILE and DISK errors */
#define JET_errFileIOSparse                                  -4000
#define JET_errFileIOBeyondEOF                               -4001
#define JET_errFileIOAbort                                   -4002
#define JET_errFileIORetry                                   -4003
#define JET_errFileIOFail                                    -4004
#define JET_errFileCompressed                                -4005

/* ===================================================================== */
/* Narrow / wide structure names                                          */
/* ===================================================================== */

#ifdef JET_UNICODE
#define JET_RSTMAP                                   JET_RSTMAP_W
#define JET_CONVERT                                  JET_CONVERT_W
#define JET_COLUMNBASE                               JET_COLUMNBASE_W
#define JET_COLUMNCREATE                             JET_COLUMNCREATE_W
#define JET_USERDEFINEDDEFAULT                       JET_USERDEFINEDDEFAULT_W
#define JET_CONDITIONALCOLUMN                        JET_CONDITIONALCOLUMN_W
#define JET_INDEXCREATE                              JET_INDEXCREATE_W
#define JET_INDEXCREATE2                             JET_INDEXCREATE2_W
#define JET_INDEXCREATE3                             JET_INDEXCREATE3_W
#define JET_TABLECREATE                              JET_TABLECREATE_W
#define JET_TABLECREATE2                             JET_TABLECREATE2_W
#define JET_TABLECREATE3                             JET_TABLECREATE3_W
#define JET_TABLECREATE4                             JET_TABLECREATE4_W
#define JET_RSTINFO                                  JET_RSTINFO_W
#define JET_SETSYSPARAM                              JET_SETSYSPARAM_W
#define JET_LOGINFO                                  JET_LOGINFO_W
#define JET_INSTANCE_INFO                            JET_INSTANCE_INFO_W
#else
#define JET_RSTMAP                                   JET_RSTMAP_A
#define JET_CONVERT                                  JET_CONVERT_A
#define JET_COLUMNBASE                               JET_COLUMNBASE_A
#define JET_COLUMNCREATE                             JET_COLUMNCREATE_A
#define JET_USERDEFINEDDEFAULT                       JET_USERDEFINEDDEFAULT_A
#define JET_CONDITIONALCOLUMN                        JET_CONDITIONALCOLUMN_A
#define JET_INDEXCREATE                              JET_INDEXCREATE_A
#define JET_INDEXCREATE2                             JET_INDEXCREATE2_A
#define JET_INDEXCREATE3                             JET_INDEXCREATE3_A
#define JET_TABLECREATE                              JET_TABLECREATE_A
#define JET_TABLECREATE2                             JET_TABLECREATE2_A
#define JET_TABLECREATE3                             JET_TABLECREATE3_A
#define JET_TABLECREATE4                             JET_TABLECREATE4_A
#define JET_RSTINFO                                  JET_RSTINFO_A
#define JET_SETSYSPARAM                              JET_SETSYSPARAM_A
#define JET_LOGINFO                                  JET_LOGINFO_A
#define JET_INSTANCE_INFO                            JET_INSTANCE_INFO_A
#endif

/* ===================================================================== */
/* Functions                                                              */
/* Prototypes are declared whatever JET_VERSION says; the undecorated     */
/* name of every A/W pair is a macro selecting one of them.               */
/* ===================================================================== */

JET_ERR JET_API JetInit(
    JET_INSTANCE *pinstance);

JET_ERR JET_API JetInit2(
    JET_INSTANCE *pinstance,
    JET_GRBIT grbit);

JET_ERR JET_API JetInit3A(
    JET_INSTANCE *pinstance,
    JET_RSTINFO_A *prstInfo,
    JET_GRBIT grbit);

JET_ERR JET_API JetInit3W(
    JET_INSTANCE *pinstance,
    JET_RSTINFO_W *prstInfo,
    JET_GRBIT grbit);

#ifdef JET_UNICODE
#define JetInit3 JetInit3W
#else
#define JetInit3 JetInit3A
#endif

JET_ERR JET_API JetCreateInstanceA(
    JET_INSTANCE *pinstance,
    JET_PCSTR szInstanceName);

JET_ERR JET_API JetCreateInstanceW(
    JET_INSTANCE *pinstance,
    JET_PCWSTR szInstanceName);

#ifdef JET_UNICODE
#define JetCreateInstance JetCreateInstanceW
#else
#define JetCreateInstance JetCreateInstanceA
#endif

JET_ERR JET_API JetCreateInstance2A(
    JET_INSTANCE *pinstance,
    JET_PCSTR szInstanceName,
    JET_PCSTR szDisplayName,
    JET_GRBIT grbit);

JET_ERR JET_API JetCreateInstance2W(
    JET_INSTANCE *pinstance,
    JET_PCWSTR szInstanceName,
    JET_PCWSTR szDisplayName,
    JET_GRBIT grbit);

#ifdef JET_UNICODE
#define JetCreateInstance2 JetCreateInstance2W
#else
#define JetCreateInstance2 JetCreateInstance2A
#endif

JET_ERR JET_API JetGetInstanceMiscInfo(
    JET_INSTANCE instance,
    void *pvResult,
    uint32_t cbMax,
    uint32_t InfoLevel);

JET_ERR JET_API JetTerm(
    JET_INSTANCE instance);

JET_ERR JET_API JetTerm2(
    JET_INSTANCE instance,
    JET_GRBIT grbit);

JET_ERR JET_API JetStopService(void);

JET_ERR JET_API JetStopServiceInstance(
    JET_INSTANCE instance);

JET_ERR JET_API JetStopServiceInstance2(
    JET_INSTANCE instance,
    const JET_GRBIT grbit);

JET_ERR JET_API JetStopBackup(void);

JET_ERR JET_API JetStopBackupInstance(
    JET_INSTANCE instance);

JET_ERR JET_API JetSetSystemParameterA(
    JET_INSTANCE *pinstance,
    JET_SESID sesid,
    uint32_t paramid,
    JET_API_PTR lParam,
    JET_PCSTR szParam);

JET_ERR JET_API JetSetSystemParameterW(
    JET_INSTANCE *pinstance,
    JET_SESID sesid,
    uint32_t paramid,
    JET_API_PTR lParam,
    JET_PCWSTR szParam);

#ifdef JET_UNICODE
#define JetSetSystemParameter JetSetSystemParameterW
#else
#define JetSetSystemParameter JetSetSystemParameterA
#endif

JET_ERR JET_API JetGetSystemParameterA(
    JET_INSTANCE instance,
    JET_SESID sesid,
    uint32_t paramid,
    JET_API_PTR *plParam,
    JET_PSTR szParam,
    uint32_t cbMax);

JET_ERR JET_API JetGetSystemParameterW(
    JET_INSTANCE instance,
    JET_SESID sesid,
    uint32_t paramid,
    JET_API_PTR *plParam,
    JET_PWSTR szParam,
    uint32_t cbMax);

#ifdef JET_UNICODE
#define JetGetSystemParameter JetGetSystemParameterW
#else
#define JetGetSystemParameter JetGetSystemParameterA
#endif

JET_ERR JET_API JetEnableMultiInstanceA(
    JET_SETSYSPARAM_A *psetsysparam,
    uint32_t csetsysparam,
    uint32_t *pcsetsucceed);

JET_ERR JET_API JetEnableMultiInstanceW(
    JET_SETSYSPARAM_W *psetsysparam,
    uint32_t csetsysparam,
    uint32_t *pcsetsucceed);

#ifdef JET_UNICODE
#define JetEnableMultiInstance JetEnableMultiInstanceW
#else
#define JetEnableMultiInstance JetEnableMultiInstanceA
#endif

JET_ERR JET_API JetGetThreadStats(
    void *pvResult,
    uint32_t cbMax);

JET_ERR JET_API JetBeginSessionA(
    JET_INSTANCE instance,
    JET_SESID *psesid,
    JET_PCSTR szUserName,
    JET_PCSTR szPassword);

JET_ERR JET_API JetBeginSessionW(
    JET_INSTANCE instance,
    JET_SESID *psesid,
    JET_PCWSTR szUserName,
    JET_PCWSTR szPassword);

#ifdef JET_UNICODE
#define JetBeginSession JetBeginSessionW
#else
#define JetBeginSession JetBeginSessionA
#endif

JET_ERR JET_API JetDupSession(
    JET_SESID sesid,
    JET_SESID *psesid);

JET_ERR JET_API JetEndSession(
    JET_SESID sesid,
    JET_GRBIT grbit);

JET_ERR JET_API JetGetVersion(
    JET_SESID sesid,
    uint32_t *pwVersion);

JET_ERR JET_API JetIdle(
    JET_SESID sesid,
    JET_GRBIT grbit);

JET_ERR JET_API JetCreateDatabaseA(
    JET_SESID sesid,
    JET_PCSTR szFilename,
    JET_PCSTR szConnect,
    JET_DBID *pdbid,
    JET_GRBIT grbit);

JET_ERR JET_API JetCreateDatabaseW(
    JET_SESID sesid,
    JET_PCWSTR szFilename,
    JET_PCWSTR szConnect,
    JET_DBID *pdbid,
    JET_GRBIT grbit);

#ifdef JET_UNICODE
#define JetCreateDatabase JetCreateDatabaseW
#else
#define JetCreateDatabase JetCreateDatabaseA
#endif

JET_ERR JET_API JetCreateDatabase2A(
    JET_SESID sesid,
    JET_PCSTR szFilename,
    const uint32_t cpgDatabaseSizeMax,
    JET_DBID *pdbid,
    JET_GRBIT grbit);

JET_ERR JET_API JetCreateDatabase2W(
    JET_SESID sesid,
    JET_PCWSTR szFilename,
    const uint32_t cpgDatabaseSizeMax,
    JET_DBID *pdbid,
    JET_GRBIT grbit);

#ifdef JET_UNICODE
#define JetCreateDatabase2 JetCreateDatabase2W
#else
#define JetCreateDatabase2 JetCreateDatabase2A
#endif

JET_ERR JET_API JetAttachDatabaseA(
    JET_SESID sesid,
    JET_PCSTR szFilename,
    JET_GRBIT grbit);

JET_ERR JET_API JetAttachDatabaseW(
    JET_SESID sesid,
    JET_PCWSTR szFilename,
    JET_GRBIT grbit);

#ifdef JET_UNICODE
#define JetAttachDatabase JetAttachDatabaseW
#else
#define JetAttachDatabase JetAttachDatabaseA
#endif

JET_ERR JET_API JetAttachDatabase2A(
    JET_SESID sesid,
    JET_PCSTR szFilename,
    const uint32_t cpgDatabaseSizeMax,
    JET_GRBIT grbit);

JET_ERR JET_API JetAttachDatabase2W(
    JET_SESID sesid,
    JET_PCWSTR szFilename,
    const uint32_t cpgDatabaseSizeMax,
    JET_GRBIT grbit);

#ifdef JET_UNICODE
#define JetAttachDatabase2 JetAttachDatabase2W
#else
#define JetAttachDatabase2 JetAttachDatabase2A
#endif

JET_ERR JET_API JetDetachDatabaseA(
    JET_SESID sesid,
    JET_PCSTR szFilename);

JET_ERR JET_API JetDetachDatabaseW(
    JET_SESID sesid,
    JET_PCWSTR szFilename);

#ifdef JET_UNICODE
#define JetDetachDatabase JetDetachDatabaseW
#else
#define JetDetachDatabase JetDetachDatabaseA
#endif

JET_ERR JET_API JetDetachDatabase2A(
    JET_SESID sesid,
    JET_PCSTR szFilename,
    JET_GRBIT grbit);

JET_ERR JET_API JetDetachDatabase2W(
    JET_SESID sesid,
    JET_PCWSTR szFilename,
    JET_GRBIT grbit);

#ifdef JET_UNICODE
#define JetDetachDatabase2 JetDetachDatabase2W
#else
#define JetDetachDatabase2 JetDetachDatabase2A
#endif

JET_ERR JET_API JetGetObjectInfoA(
    JET_SESID sesid,
    JET_DBID dbid,
    JET_OBJTYP objtyp,
    JET_PCSTR szContainerName,
    JET_PCSTR szObjectName,
    void *pvResult,
    uint32_t cbMax,
    uint32_t InfoLevel);

JET_ERR JET_API JetGetObjectInfoW(
    JET_SESID sesid,
    JET_DBID dbid,
    JET_OBJTYP objtyp,
    JET_PCWSTR szContainerName,
    JET_PCWSTR szObjectName,
    void *pvResult,
    uint32_t cbMax,
    uint32_t InfoLevel);

#ifdef JET_UNICODE
#define JetGetObjectInfo JetGetObjectInfoW
#else
#define JetGetObjectInfo JetGetObjectInfoA
#endif

JET_ERR JET_API JetGetTableInfoA(
    JET_SESID sesid,
    JET_TABLEID tableid,
    void *pvResult,
    uint32_t cbMax,
    uint32_t InfoLevel);

JET_ERR JET_API JetGetTableInfoW(
    JET_SESID sesid,
    JET_TABLEID tableid,
    void *pvResult,
    uint32_t cbMax,
    uint32_t InfoLevel);

#ifdef JET_UNICODE
#define JetGetTableInfo JetGetTableInfoW
#else
#define JetGetTableInfo JetGetTableInfoA
#endif

JET_ERR JET_API JetCreateTableA(
    JET_SESID sesid,
    JET_DBID dbid,
    JET_PCSTR szTableName,
    uint32_t lPages,
    uint32_t lDensity,
    JET_TABLEID *ptableid);

JET_ERR JET_API JetCreateTableW(
    JET_SESID sesid,
    JET_DBID dbid,
    JET_PCWSTR szTableName,
    uint32_t lPages,
    uint32_t lDensity,
    JET_TABLEID *ptableid);

#ifdef JET_UNICODE
#define JetCreateTable JetCreateTableW
#else
#define JetCreateTable JetCreateTableA
#endif

JET_ERR JET_API JetCreateTableColumnIndexA(
    JET_SESID sesid,
    JET_DBID dbid,
    JET_TABLECREATE_A *ptablecreate);

JET_ERR JET_API JetCreateTableColumnIndexW(
    JET_SESID sesid,
    JET_DBID dbid,
    JET_TABLECREATE_W *ptablecreate);

#ifdef JET_UNICODE
#define JetCreateTableColumnIndex JetCreateTableColumnIndexW
#else
#define JetCreateTableColumnIndex JetCreateTableColumnIndexA
#endif

JET_ERR JET_API JetCreateTableColumnIndex2A(
    JET_SESID sesid,
    JET_DBID dbid,
    JET_TABLECREATE2_A *ptablecreate);

JET_ERR JET_API JetCreateTableColumnIndex2W(
    JET_SESID sesid,
    JET_DBID dbid,
    JET_TABLECREATE2_W *ptablecreate);

#ifdef JET_UNICODE
#define JetCreateTableColumnIndex2 JetCreateTableColumnIndex2W
#else
#define JetCreateTableColumnIndex2 JetCreateTableColumnIndex2A
#endif

JET_ERR JET_API JetCreateTableColumnIndex3A(
    JET_SESID sesid,
    JET_DBID dbid,
    JET_TABLECREATE3_A *ptablecreate);

JET_ERR JET_API JetCreateTableColumnIndex3W(
    JET_SESID sesid,
    JET_DBID dbid,
    JET_TABLECREATE3_W *ptablecreate);

#ifdef JET_UNICODE
#define JetCreateTableColumnIndex3 JetCreateTableColumnIndex3W
#else
#define JetCreateTableColumnIndex3 JetCreateTableColumnIndex3A
#endif

JET_ERR JET_API JetCreateTableColumnIndex4A(
    JET_SESID sesid,
    JET_DBID dbid,
    JET_TABLECREATE4_A *ptablecreate);

JET_ERR JET_API JetCreateTableColumnIndex4W(
    JET_SESID sesid,
    JET_DBID dbid,
    JET_TABLECREATE4_W *ptablecreate);

#ifdef JET_UNICODE
#define JetCreateTableColumnIndex4 JetCreateTableColumnIndex4W
#else
#define JetCreateTableColumnIndex4 JetCreateTableColumnIndex4A
#endif

JET_ERR JET_API JetDeleteTableA(
    JET_SESID sesid,
    JET_DBID dbid,
    JET_PCSTR szTableName);

JET_ERR JET_API JetDeleteTableW(
    JET_SESID sesid,
    JET_DBID dbid,
    JET_PCWSTR szTableName);

#ifdef JET_UNICODE
#define JetDeleteTable JetDeleteTableW
#else
#define JetDeleteTable JetDeleteTableA
#endif

JET_ERR JET_API JetRenameTableA(
    JET_SESID sesid,
    JET_DBID dbid,
    JET_PCSTR szName,
    JET_PCSTR szNameNew);

JET_ERR JET_API JetRenameTableW(
    JET_SESID sesid,
    JET_DBID dbid,
    JET_PCWSTR szName,
    JET_PCWSTR szNameNew);

#ifdef JET_UNICODE
#define JetRenameTable JetRenameTableW
#else
#define JetRenameTable JetRenameTableA
#endif

JET_ERR JET_API JetGetTableColumnInfoA(
    JET_SESID sesid,
    JET_TABLEID tableid,
    JET_PCSTR szColumnName,
    void *pvResult,
    uint32_t cbMax,
    uint32_t InfoLevel);

JET_ERR JET_API JetGetTableColumnInfoW(
    JET_SESID sesid,
    JET_TABLEID tableid,
    JET_PCWSTR szColumnName,
    void *pvResult,
    uint32_t cbMax,
    uint32_t InfoLevel);

#ifdef JET_UNICODE
#define JetGetTableColumnInfo JetGetTableColumnInfoW
#else
#define JetGetTableColumnInfo JetGetTableColumnInfoA
#endif

JET_ERR JET_API JetGetColumnInfoA(
    JET_SESID sesid,
    JET_DBID dbid,
    JET_PCSTR szTableName,
    JET_PCSTR pColumnNameOrId,
    void *pvResult,
    uint32_t cbMax,
    uint32_t InfoLevel);

JET_ERR JET_API JetGetColumnInfoW(
    JET_SESID sesid,
    JET_DBID dbid,
    JET_PCWSTR szTableName,
    JET_PCWSTR pwColumnNameOrId,
    void *pvResult,
    uint32_t cbMax,
    uint32_t InfoLevel);

#ifdef JET_UNICODE
#define JetGetColumnInfo JetGetColumnInfoW
#else
#define JetGetColumnInfo JetGetColumnInfoA
#endif

JET_ERR JET_API JetAddColumnA(
    JET_SESID sesid,
    JET_TABLEID tableid,
    JET_PCSTR szColumnName,
    const JET_COLUMNDEF *pcolumndef,
    const void *pvDefault,
    uint32_t cbDefault,
    JET_COLUMNID *pcolumnid);

JET_ERR JET_API JetAddColumnW(
    JET_SESID sesid,
    JET_TABLEID tableid,
    JET_PCWSTR szColumnName,
    const JET_COLUMNDEF *pcolumndef,
    const void *pvDefault,
    uint32_t cbDefault,
    JET_COLUMNID *pcolumnid);

#ifdef JET_UNICODE
#define JetAddColumn JetAddColumnW
#else
#define JetAddColumn JetAddColumnA
#endif

JET_ERR JET_API JetDeleteColumnA(
    JET_SESID sesid,
    JET_TABLEID tableid,
    JET_PCSTR szColumnName);

JET_ERR JET_API JetDeleteColumnW(
    JET_SESID sesid,
    JET_TABLEID tableid,
    JET_PCWSTR szColumnName);

#ifdef JET_UNICODE
#define JetDeleteColumn JetDeleteColumnW
#else
#define JetDeleteColumn JetDeleteColumnA
#endif

JET_ERR JET_API JetDeleteColumn2A(
    JET_SESID sesid,
    JET_TABLEID tableid,
    JET_PCSTR szColumnName,
    const JET_GRBIT grbit);

JET_ERR JET_API JetDeleteColumn2W(
    JET_SESID sesid,
    JET_TABLEID tableid,
    JET_PCWSTR szColumnName,
    const JET_GRBIT grbit);

#ifdef JET_UNICODE
#define JetDeleteColumn2 JetDeleteColumn2W
#else
#define JetDeleteColumn2 JetDeleteColumn2A
#endif

JET_ERR JET_API JetRenameColumnA(
    JET_SESID sesid,
    JET_TABLEID tableid,
    JET_PCSTR szName,
    JET_PCSTR szNameNew,
    JET_GRBIT grbit);

JET_ERR JET_API JetRenameColumnW(
    JET_SESID sesid,
    JET_TABLEID tableid,
    JET_PCWSTR szName,
    JET_PCWSTR szNameNew,
    JET_GRBIT grbit);

#ifdef JET_UNICODE
#define JetRenameColumn JetRenameColumnW
#else
#define JetRenameColumn JetRenameColumnA
#endif

JET_ERR JET_API JetSetColumnDefaultValueA(
    JET_SESID sesid,
    JET_DBID dbid,
    JET_PCSTR szTableName,
    JET_PCSTR szColumnName,
    const void *pvData,
    const uint32_t cbData,
    const JET_GRBIT grbit);

JET_ERR JET_API JetSetColumnDefaultValueW(
    JET_SESID sesid,
    JET_DBID dbid,
    JET_PCWSTR szTableName,
    JET_PCWSTR szColumnName,
    const void *pvData,
    const uint32_t cbData,
    const JET_GRBIT grbit);

#ifdef JET_UNICODE
#define JetSetColumnDefaultValue JetSetColumnDefaultValueW
#else
#define JetSetColumnDefaultValue JetSetColumnDefaultValueA
#endif

JET_ERR JET_API JetGetTableIndexInfoA(
    JET_SESID sesid,
    JET_TABLEID tableid,
    JET_PCSTR szIndexName,
    void *pvResult,
    uint32_t cbResult,
    uint32_t InfoLevel);

JET_ERR JET_API JetGetTableIndexInfoW(
    JET_SESID sesid,
    JET_TABLEID tableid,
    JET_PCWSTR szIndexName,
    void *pvResult,
    uint32_t cbResult,
    uint32_t InfoLevel);

#ifdef JET_UNICODE
#define JetGetTableIndexInfo JetGetTableIndexInfoW
#else
#define JetGetTableIndexInfo JetGetTableIndexInfoA
#endif

JET_ERR JET_API JetGetIndexInfoA(
    JET_SESID sesid,
    JET_DBID dbid,
    JET_PCSTR szTableName,
    JET_PCSTR szIndexName,
    void *pvResult,
    uint32_t cbResult,
    uint32_t InfoLevel);

JET_ERR JET_API JetGetIndexInfoW(
    JET_SESID sesid,
    JET_DBID dbid,
    JET_PCWSTR szTableName,
    JET_PCWSTR szIndexName,
    void *pvResult,
    uint32_t cbResult,
    uint32_t InfoLevel);

#ifdef JET_UNICODE
#define JetGetIndexInfo JetGetIndexInfoW
#else
#define JetGetIndexInfo JetGetIndexInfoA
#endif

JET_ERR JET_API JetCreateIndexA(
    JET_SESID sesid,
    JET_TABLEID tableid,
    JET_PCSTR szIndexName,
    JET_GRBIT grbit,
    const char *szKey,
    uint32_t cbKey,
    uint32_t lDensity);

JET_ERR JET_API JetCreateIndexW(
    JET_SESID sesid,
    JET_TABLEID tableid,
    JET_PCWSTR szIndexName,
    JET_GRBIT grbit,
    const WCHAR *szKey,
    uint32_t cbKey,
    uint32_t lDensity);

#ifdef JET_UNICODE
#define JetCreateIndex JetCreateIndexW
#else
#define JetCreateIndex JetCreateIndexA
#endif

JET_ERR JET_API JetCreateIndex2A(
    JET_SESID sesid,
    JET_TABLEID tableid,
    JET_INDEXCREATE_A *pindexcreate,
    uint32_t cIndexCreate);

JET_ERR JET_API JetCreateIndex2W(
    JET_SESID sesid,
    JET_TABLEID tableid,
    JET_INDEXCREATE_W *pindexcreate,
    uint32_t cIndexCreate);

#ifdef JET_UNICODE
#define JetCreateIndex2 JetCreateIndex2W
#else
#define JetCreateIndex2 JetCreateIndex2A
#endif

JET_ERR JET_API JetCreateIndex3A(
    JET_SESID sesid,
    JET_TABLEID tableid,
    JET_INDEXCREATE2_A *pindexcreate,
    uint32_t cIndexCreate);

JET_ERR JET_API JetCreateIndex3W(
    JET_SESID sesid,
    JET_TABLEID tableid,
    JET_INDEXCREATE2_W *pindexcreate,
    uint32_t cIndexCreate);

#ifdef JET_UNICODE
#define JetCreateIndex3 JetCreateIndex3W
#else
#define JetCreateIndex3 JetCreateIndex3A
#endif

JET_ERR JET_API JetCreateIndex4A(
    JET_SESID sesid,
    JET_TABLEID tableid,
    JET_INDEXCREATE3_A *pindexcreate,
    uint32_t cIndexCreate);

JET_ERR JET_API JetCreateIndex4W(
    JET_SESID sesid,
    JET_TABLEID tableid,
    JET_INDEXCREATE3_W *pindexcreate,
    uint32_t cIndexCreate);

#ifdef JET_UNICODE
#define JetCreateIndex4 JetCreateIndex4W
#else
#define JetCreateIndex4 JetCreateIndex4A
#endif

JET_ERR JET_API JetDeleteIndexA(
    JET_SESID sesid,
    JET_TABLEID tableid,
    JET_PCSTR szIndexName);

JET_ERR JET_API JetDeleteIndexW(
    JET_SESID sesid,
    JET_TABLEID tableid,
    JET_PCWSTR szIndexName);

#ifdef JET_UNICODE
#define JetDeleteIndex JetDeleteIndexW
#else
#define JetDeleteIndex JetDeleteIndexA
#endif

JET_ERR JET_API JetBeginTransaction(
    JET_SESID sesid);

JET_ERR JET_API JetBeginTransaction2(
    JET_SESID sesid,
    JET_GRBIT grbit);

JET_ERR JET_API JetBeginTransaction3(
    JET_SESID sesid,
    int64_t trxid,
    JET_GRBIT grbit);

JET_ERR JET_API JetCommitTransaction(
    JET_SESID sesid,
    JET_GRBIT grbit);

JET_ERR JET_API JetCommitTransaction2(
    JET_SESID sesid,
    JET_GRBIT grbit,
    uint32_t cmsecDurableCommit,
    JET_COMMIT_ID *pCommitId);

JET_ERR JET_API JetRollback(
    JET_SESID sesid,
    JET_GRBIT grbit);

JET_ERR JET_API JetGetDatabaseInfoA(
    JET_SESID sesid,
    JET_DBID dbid,
    void *pvResult,
    uint32_t cbMax,
    uint32_t InfoLevel);

JET_ERR JET_API JetGetDatabaseInfoW(
    JET_SESID sesid,
    JET_DBID dbid,
    void *pvResult,
    uint32_t cbMax,
    uint32_t InfoLevel);

#ifdef JET_UNICODE
#define JetGetDatabaseInfo JetGetDatabaseInfoW
#else
#define JetGetDatabaseInfo JetGetDatabaseInfoA
#endif

JET_ERR JET_API JetGetDatabaseFileInfoA(
    JET_PCSTR szDatabaseName,
    void *pvResult,
    uint32_t cbMax,
    uint32_t InfoLevel);

JET_ERR JET_API JetGetDatabaseFileInfoW(
    JET_PCWSTR szDatabaseName,
    void *pvResult,
    uint32_t cbMax,
    uint32_t InfoLevel);

#ifdef JET_UNICODE
#define JetGetDatabaseFileInfo JetGetDatabaseFileInfoW
#else
#define JetGetDatabaseFileInfo JetGetDatabaseFileInfoA
#endif

JET_ERR JET_API JetOpenDatabaseA(
    JET_SESID sesid,
    JET_PCSTR szFilename,
    JET_PCSTR szConnect,
    JET_DBID *pdbid,
    JET_GRBIT grbit);

JET_ERR JET_API JetOpenDatabaseW(
    JET_SESID sesid,
    JET_PCWSTR szFilename,
    JET_PCWSTR szConnect,
    JET_DBID *pdbid,
    JET_GRBIT grbit);

#ifdef JET_UNICODE
#define JetOpenDatabase JetOpenDatabaseW
#else
#define JetOpenDatabase JetOpenDatabaseA
#endif

JET_ERR JET_API JetCloseDatabase(
    JET_SESID sesid,
    JET_DBID dbid,
    JET_GRBIT grbit);

JET_ERR JET_API JetOpenTableA(
    JET_SESID sesid,
    JET_DBID dbid,
    JET_PCSTR szTableName,
    const void *pvParameters,
    uint32_t cbParameters,
    JET_GRBIT grbit,
    JET_TABLEID *ptableid);

JET_ERR JET_API JetOpenTableW(
    JET_SESID sesid,
    JET_DBID dbid,
    JET_PCWSTR szTableName,
    const void *pvParameters,
    uint32_t cbParameters,
    JET_GRBIT grbit,
    JET_TABLEID *ptableid);

#ifdef JET_UNICODE
#define JetOpenTable JetOpenTableW
#else
#define JetOpenTable JetOpenTableA
#endif

JET_ERR JET_API JetSetTableSequential(
    JET_SESID sesid,
    JET_TABLEID tableid,
    JET_GRBIT grbit);

JET_ERR JET_API JetResetTableSequential(
    JET_SESID sesid,
    JET_TABLEID tableid,
    JET_GRBIT grbit);

JET_ERR JET_API JetCloseTable(
    JET_SESID sesid,
    JET_TABLEID tableid);

JET_ERR JET_API JetDelete(
    JET_SESID sesid,
    JET_TABLEID tableid);

JET_ERR JET_API JetUpdate(
    JET_SESID sesid,
    JET_TABLEID tableid,
    void *pvBookmark,
    uint32_t cbBookmark,
    uint32_t *pcbActual);

JET_ERR JET_API JetUpdate2(
    JET_SESID sesid,
    JET_TABLEID tableid,
    void *pvBookmark,
    uint32_t cbBookmark,
    uint32_t *pcbActual,
    const JET_GRBIT grbit);

JET_ERR JET_API JetEscrowUpdate(
    JET_SESID sesid,
    JET_TABLEID tableid,
    JET_COLUMNID columnid,
    void *pv,
    uint32_t cbMax,
    void *pvOld,
    uint32_t cbOldMax,
    uint32_t *pcbOldActual,
    JET_GRBIT grbit);

JET_ERR JET_API JetRetrieveColumn(
    JET_SESID sesid,
    JET_TABLEID tableid,
    JET_COLUMNID columnid,
    void *pvData,
    uint32_t cbData,
    uint32_t *pcbActual,
    JET_GRBIT grbit,
    JET_RETINFO *pretinfo);

JET_ERR JET_API JetRetrieveColumns(
    JET_SESID sesid,
    JET_TABLEID tableid,
    JET_RETRIEVECOLUMN *pretrievecolumn,
    uint32_t cretrievecolumn);

JET_ERR JET_API JetEnumerateColumns(
    JET_SESID sesid,
    JET_TABLEID tableid,
    uint32_t cEnumColumnId,
    JET_ENUMCOLUMNID *rgEnumColumnId,
    uint32_t *pcEnumColumn,
    JET_ENUMCOLUMN **prgEnumColumn,
    JET_PFNREALLOC pfnRealloc,
    void *pvReallocContext,
    uint32_t cbDataMost,
    JET_GRBIT grbit);

JET_ERR JET_API JetGetRecordSize(
    JET_SESID sesid,
    JET_TABLEID tableid,
    JET_RECSIZE *precsize,
    const JET_GRBIT grbit);

JET_ERR JET_API JetGetRecordSize2(
    JET_SESID sesid,
    JET_TABLEID tableid,
    JET_RECSIZE2 *precsize,
    const JET_GRBIT grbit);

JET_ERR JET_API JetSetColumn(
    JET_SESID sesid,
    JET_TABLEID tableid,
    JET_COLUMNID columnid,
    const void *pvData,
    uint32_t cbData,
    JET_GRBIT grbit,
    JET_SETINFO *psetinfo);

JET_ERR JET_API JetSetColumns(
    JET_SESID sesid,
    JET_TABLEID tableid,
    JET_SETCOLUMN *psetcolumn,
    uint32_t csetcolumn);

JET_ERR JET_API JetPrepareUpdate(
    JET_SESID sesid,
    JET_TABLEID tableid,
    uint32_t prep);

JET_ERR JET_API JetGetRecordPosition(
    JET_SESID sesid,
    JET_TABLEID tableid,
    JET_RECPOS *precpos,
    uint32_t cbRecpos);

JET_ERR JET_API JetGotoPosition(
    JET_SESID sesid,
    JET_TABLEID tableid,
    JET_RECPOS *precpos);

JET_ERR JET_API JetGetCursorInfo(
    JET_SESID sesid,
    JET_TABLEID tableid,
    void *pvResult,
    uint32_t cbMax,
    uint32_t InfoLevel);

JET_ERR JET_API JetDupCursor(
    JET_SESID sesid,
    JET_TABLEID tableid,
    JET_TABLEID *ptableid,
    JET_GRBIT grbit);

JET_ERR JET_API JetGetCurrentIndexA(
    JET_SESID sesid,
    JET_TABLEID tableid,
    JET_PSTR szIndexName,
    uint32_t cbIndexName);

JET_ERR JET_API JetGetCurrentIndexW(
    JET_SESID sesid,
    JET_TABLEID tableid,
    JET_PWSTR szIndexName,
    uint32_t cbIndexName);

#ifdef JET_UNICODE
#define JetGetCurrentIndex JetGetCurrentIndexW
#else
#define JetGetCurrentIndex JetGetCurrentIndexA
#endif

JET_ERR JET_API JetSetCurrentIndexA(
    JET_SESID sesid,
    JET_TABLEID tableid,
    JET_PCSTR szIndexName);

JET_ERR JET_API JetSetCurrentIndexW(
    JET_SESID sesid,
    JET_TABLEID tableid,
    JET_PCWSTR szIndexName);

#ifdef JET_UNICODE
#define JetSetCurrentIndex JetSetCurrentIndexW
#else
#define JetSetCurrentIndex JetSetCurrentIndexA
#endif

JET_ERR JET_API JetSetCurrentIndex2A(
    JET_SESID sesid,
    JET_TABLEID tableid,
    JET_PCSTR szIndexName,
    JET_GRBIT grbit);

JET_ERR JET_API JetSetCurrentIndex2W(
    JET_SESID sesid,
    JET_TABLEID tableid,
    JET_PCWSTR szIndexName,
    JET_GRBIT grbit);

#ifdef JET_UNICODE
#define JetSetCurrentIndex2 JetSetCurrentIndex2W
#else
#define JetSetCurrentIndex2 JetSetCurrentIndex2A
#endif

JET_ERR JET_API JetSetCurrentIndex3A(
    JET_SESID sesid,
    JET_TABLEID tableid,
    JET_PCSTR szIndexName,
    JET_GRBIT grbit,
    uint32_t itagSequence);

JET_ERR JET_API JetSetCurrentIndex3W(
    JET_SESID sesid,
    JET_TABLEID tableid,
    JET_PCWSTR szIndexName,
    JET_GRBIT grbit,
    uint32_t itagSequence);

#ifdef JET_UNICODE
#define JetSetCurrentIndex3 JetSetCurrentIndex3W
#else
#define JetSetCurrentIndex3 JetSetCurrentIndex3A
#endif

JET_ERR JET_API JetSetCurrentIndex4A(
    JET_SESID sesid,
    JET_TABLEID tableid,
    JET_PCSTR szIndexName,
    JET_INDEXID *pindexid,
    JET_GRBIT grbit,
    uint32_t itagSequence);

JET_ERR JET_API JetSetCurrentIndex4W(
    JET_SESID sesid,
    JET_TABLEID tableid,
    JET_PCWSTR szIndexName,
    JET_INDEXID *pindexid,
    JET_GRBIT grbit,
    uint32_t itagSequence);

#ifdef JET_UNICODE
#define JetSetCurrentIndex4 JetSetCurrentIndex4W
#else
#define JetSetCurrentIndex4 JetSetCurrentIndex4A
#endif

JET_ERR JET_API JetMove(
    JET_SESID sesid,
    JET_TABLEID tableid,
    int32_t cRow,
    JET_GRBIT grbit);

JET_ERR JET_API JetSetCursorFilter(
    JET_SESID sesid,
    JET_TABLEID tableid,
    JET_INDEX_COLUMN *rgColumnFilters,
    uint32_t cColumnFilters,
    JET_GRBIT grbit);

JET_ERR JET_API JetGetLock(
    JET_SESID sesid,
    JET_TABLEID tableid,
    JET_GRBIT grbit);

JET_ERR JET_API JetMakeKey(
    JET_SESID sesid,
    JET_TABLEID tableid,
    const void *pvData,
    uint32_t cbData,
    JET_GRBIT grbit);

JET_ERR JET_API JetSeek(
    JET_SESID sesid,
    JET_TABLEID tableid,
    JET_GRBIT grbit);

JET_ERR JET_API JetPrereadKeys(
    JET_SESID sesid,
    JET_TABLEID tableid,
    const void **rgpvKeys,
    const uint32_t *rgcbKeys,
    int32_t ckeys,
    int32_t *pckeysPreread,
    JET_GRBIT grbit);

JET_ERR JET_API JetPrereadIndexRanges(
    JET_SESID sesid,
    JET_TABLEID tableid,
    const JET_INDEX_RANGE *const rgIndexRanges,
    const uint32_t cIndexRanges,
    uint32_t *const pcRangesPreread,
    const JET_COLUMNID *const rgcolumnidPreread,
    const uint32_t ccolumnidPreread,
    JET_GRBIT grbit);

JET_ERR JET_API JetGetBookmark(
    JET_SESID sesid,
    JET_TABLEID tableid,
    void *pvBookmark,
    uint32_t cbMax,
    uint32_t *pcbActual);

JET_ERR JET_API JetGetSecondaryIndexBookmark(
    JET_SESID sesid,
    JET_TABLEID tableid,
    void *pvSecondaryKey,
    uint32_t cbSecondaryKeyMax,
    uint32_t *pcbSecondaryKeyActual,
    void *pvPrimaryBookmark,
    uint32_t cbPrimaryBookmarkMax,
    uint32_t *pcbPrimaryBookmarkActual,
    const JET_GRBIT grbit);

JET_ERR JET_API JetCompactA(
    JET_SESID sesid,
    JET_PCSTR szDatabaseSrc,
    JET_PCSTR szDatabaseDest,
    JET_PFNSTATUS pfnStatus,
    JET_CONVERT_A *pconvert,
    JET_GRBIT grbit);

JET_ERR JET_API JetCompactW(
    JET_SESID sesid,
    JET_PCWSTR szDatabaseSrc,
    JET_PCWSTR szDatabaseDest,
    JET_PFNSTATUS pfnStatus,
    JET_CONVERT_W *pconvert,
    JET_GRBIT grbit);

#ifdef JET_UNICODE
#define JetCompact JetCompactW
#else
#define JetCompact JetCompactA
#endif

JET_ERR JET_API JetDefragmentA(
    JET_SESID sesid,
    JET_DBID dbid,
    JET_PCSTR szTableName,
    uint32_t *pcPasses,
    uint32_t *pcSeconds,
    JET_GRBIT grbit);

JET_ERR JET_API JetDefragmentW(
    JET_SESID sesid,
    JET_DBID dbid,
    JET_PCWSTR szTableName,
    uint32_t *pcPasses,
    uint32_t *pcSeconds,
    JET_GRBIT grbit);

#ifdef JET_UNICODE
#define JetDefragment JetDefragmentW
#else
#define JetDefragment JetDefragmentA
#endif

JET_ERR JET_API JetDefragment2A(
    JET_SESID sesid,
    JET_DBID dbid,
    JET_PCSTR szTableName,
    uint32_t *pcPasses,
    uint32_t *pcSeconds,
    JET_CALLBACK callback,
    JET_GRBIT grbit);

JET_ERR JET_API JetDefragment2W(
    JET_SESID sesid,
    JET_DBID dbid,
    JET_PCWSTR szTableName,
    uint32_t *pcPasses,
    uint32_t *pcSeconds,
    JET_CALLBACK callback,
    JET_GRBIT grbit);

#ifdef JET_UNICODE
#define JetDefragment2 JetDefragment2W
#else
#define JetDefragment2 JetDefragment2A
#endif

JET_ERR JET_API JetDefragment3A(
    JET_SESID sesid,
    JET_PCSTR szDatabaseName,
    JET_PCSTR szTableName,
    uint32_t *pcPasses,
    uint32_t *pcSeconds,
    JET_CALLBACK callback,
    void *pvContext,
    JET_GRBIT grbit);

JET_ERR JET_API JetDefragment3W(
    JET_SESID sesid,
    JET_PCWSTR szDatabaseName,
    JET_PCWSTR szTableName,
    uint32_t *pcPasses,
    uint32_t *pcSeconds,
    JET_CALLBACK callback,
    void *pvContext,
    JET_GRBIT grbit);

#ifdef JET_UNICODE
#define JetDefragment3 JetDefragment3W
#else
#define JetDefragment3 JetDefragment3A
#endif

JET_ERR JET_API JetSetDatabaseSizeA(
    JET_SESID sesid,
    JET_PCSTR szDatabaseName,
    uint32_t cpg,
    uint32_t *pcpgReal);

JET_ERR JET_API JetSetDatabaseSizeW(
    JET_SESID sesid,
    JET_PCWSTR szDatabaseName,
    uint32_t cpg,
    uint32_t *pcpgReal);

#ifdef JET_UNICODE
#define JetSetDatabaseSize JetSetDatabaseSizeW
#else
#define JetSetDatabaseSize JetSetDatabaseSizeA
#endif

JET_ERR JET_API JetGrowDatabase(
    JET_SESID sesid,
    JET_DBID dbid,
    uint32_t cpg,
    uint32_t *pcpgReal);

JET_ERR JET_API JetResizeDatabase(
    JET_SESID sesid,
    JET_DBID dbid,
    uint32_t cpgTarget,
    uint32_t *pcpgActual,
    const JET_GRBIT grbit);

JET_ERR JET_API JetSetSessionContext(
    JET_SESID sesid,
    JET_API_PTR ulContext);

JET_ERR JET_API JetResetSessionContext(
    JET_SESID sesid);

JET_ERR JET_API JetGotoBookmark(
    JET_SESID sesid,
    JET_TABLEID tableid,
    void *pvBookmark,
    uint32_t cbBookmark);

JET_ERR JET_API JetGotoSecondaryIndexBookmark(
    JET_SESID sesid,
    JET_TABLEID tableid,
    void *pvSecondaryKey,
    uint32_t cbSecondaryKey,
    void *pvPrimaryBookmark,
    uint32_t cbPrimaryBookmark,
    const JET_GRBIT grbit);

JET_ERR JET_API JetIntersectIndexes(
    JET_SESID sesid,
    JET_INDEXRANGE *rgindexrange,
    uint32_t cindexrange,
    JET_RECORDLIST *precordlist,
    JET_GRBIT grbit);

JET_ERR JET_API JetComputeStats(
    JET_SESID sesid,
    JET_TABLEID tableid);

JET_ERR JET_API JetOpenTempTable(
    JET_SESID sesid,
    const JET_COLUMNDEF *prgcolumndef,
    uint32_t ccolumn,
    JET_GRBIT grbit,
    JET_TABLEID *ptableid,
    JET_COLUMNID *prgcolumnid);

JET_ERR JET_API JetOpenTempTable2(
    JET_SESID sesid,
    const JET_COLUMNDEF *prgcolumndef,
    uint32_t ccolumn,
    uint32_t lcid,
    JET_GRBIT grbit,
    JET_TABLEID *ptableid,
    JET_COLUMNID *prgcolumnid);

JET_ERR JET_API JetOpenTempTable3(
    JET_SESID sesid,
    const JET_COLUMNDEF *prgcolumndef,
    uint32_t ccolumn,
    JET_UNICODEINDEX *pidxunicode,
    JET_GRBIT grbit,
    JET_TABLEID *ptableid,
    JET_COLUMNID *prgcolumnid);

JET_ERR JET_API JetOpenTemporaryTable(
    JET_SESID sesid,
    JET_OPENTEMPORARYTABLE *popentemporarytable);

JET_ERR JET_API JetOpenTemporaryTable2(
    JET_SESID sesid,
    JET_OPENTEMPORARYTABLE2 *popentemporarytable);

JET_ERR JET_API JetBackupA(
    JET_PCSTR szBackupPath,
    JET_GRBIT grbit,
    JET_PFNSTATUS pfnStatus);

JET_ERR JET_API JetBackupW(
    JET_PCWSTR szBackupPath,
    JET_GRBIT grbit,
    JET_PFNSTATUS pfnStatus);

#ifdef JET_UNICODE
#define JetBackup JetBackupW
#else
#define JetBackup JetBackupA
#endif

JET_ERR JET_API JetBackupInstanceA(
    JET_INSTANCE instance,
    JET_PCSTR szBackupPath,
    JET_GRBIT grbit,
    JET_PFNSTATUS pfnStatus);

JET_ERR JET_API JetBackupInstanceW(
    JET_INSTANCE instance,
    JET_PCWSTR szBackupPath,
    JET_GRBIT grbit,
    JET_PFNSTATUS pfnStatus);

#ifdef JET_UNICODE
#define JetBackupInstance JetBackupInstanceW
#else
#define JetBackupInstance JetBackupInstanceA
#endif

JET_ERR JET_API JetRestoreA(
    JET_PCSTR szSource,
    JET_PFNSTATUS pfn);

JET_ERR JET_API JetRestoreW(
    JET_PCWSTR szSource,
    JET_PFNSTATUS pfn);

#ifdef JET_UNICODE
#define JetRestore JetRestoreW
#else
#define JetRestore JetRestoreA
#endif

JET_ERR JET_API JetRestore2A(
    JET_PCSTR sz,
    JET_PCSTR szDest,
    JET_PFNSTATUS pfn);

JET_ERR JET_API JetRestore2W(
    JET_PCWSTR sz,
    JET_PCWSTR szDest,
    JET_PFNSTATUS pfn);

#ifdef JET_UNICODE
#define JetRestore2 JetRestore2W
#else
#define JetRestore2 JetRestore2A
#endif

JET_ERR JET_API JetRestoreInstanceA(
    JET_INSTANCE instance,
    JET_PCSTR sz,
    JET_PCSTR szDest,
    JET_PFNSTATUS pfn);

JET_ERR JET_API JetRestoreInstanceW(
    JET_INSTANCE instance,
    JET_PCWSTR sz,
    JET_PCWSTR szDest,
    JET_PFNSTATUS pfn);

#ifdef JET_UNICODE
#define JetRestoreInstance JetRestoreInstanceW
#else
#define JetRestoreInstance JetRestoreInstanceA
#endif

JET_ERR JET_API JetSetIndexRange(
    JET_SESID sesid,
    JET_TABLEID tableidSrc,
    JET_GRBIT grbit);

JET_ERR JET_API JetIndexRecordCount(
    JET_SESID sesid,
    JET_TABLEID tableid,
    uint32_t *pcrec,
    uint32_t crecMax);

JET_ERR JET_API JetRetrieveKey(
    JET_SESID sesid,
    JET_TABLEID tableid,
    void *pvKey,
    uint32_t cbMax,
    uint32_t *pcbActual,
    JET_GRBIT grbit);

JET_ERR JET_API JetBeginExternalBackup(
    JET_GRBIT grbit);

JET_ERR JET_API JetBeginExternalBackupInstance(
    JET_INSTANCE instance,
    JET_GRBIT grbit);

JET_ERR JET_API JetGetAttachInfoA(
    JET_PSTR szzDatabases,
    uint32_t cbMax,
    uint32_t *pcbActual);

JET_ERR JET_API JetGetAttachInfoW(
    JET_PWSTR wszzDatabases,
    uint32_t cbMax,
    uint32_t *pcbActual);

#ifdef JET_UNICODE
#define JetGetAttachInfo JetGetAttachInfoW
#else
#define JetGetAttachInfo JetGetAttachInfoA
#endif

JET_ERR JET_API JetGetAttachInfoInstanceA(
    JET_INSTANCE instance,
    JET_PSTR szzDatabases,
    uint32_t cbMax,
    uint32_t *pcbActual);

JET_ERR JET_API JetGetAttachInfoInstanceW(
    JET_INSTANCE instance,
    JET_PWSTR szzDatabases,
    uint32_t cbMax,
    uint32_t *pcbActual);

#ifdef JET_UNICODE
#define JetGetAttachInfoInstance JetGetAttachInfoInstanceW
#else
#define JetGetAttachInfoInstance JetGetAttachInfoInstanceA
#endif

JET_ERR JET_API JetOpenFileA(
    JET_PCSTR szFileName,
    JET_HANDLE *phfFile,
    uint32_t *pulFileSizeLow,
    uint32_t *pulFileSizeHigh);

JET_ERR JET_API JetOpenFileW(
    JET_PCWSTR szFileName,
    JET_HANDLE *phfFile,
    uint32_t *pulFileSizeLow,
    uint32_t *pulFileSizeHigh);

#ifdef JET_UNICODE
#define JetOpenFile JetOpenFileW
#else
#define JetOpenFile JetOpenFileA
#endif

JET_ERR JET_API JetOpenFileInstanceA(
    JET_INSTANCE instance,
    JET_PCSTR szFileName,
    JET_HANDLE *phfFile,
    uint32_t *pulFileSizeLow,
    uint32_t *pulFileSizeHigh);

JET_ERR JET_API JetOpenFileInstanceW(
    JET_INSTANCE instance,
    JET_PCWSTR szFileName,
    JET_HANDLE *phfFile,
    uint32_t *pulFileSizeLow,
    uint32_t *pulFileSizeHigh);

#ifdef JET_UNICODE
#define JetOpenFileInstance JetOpenFileInstanceW
#else
#define JetOpenFileInstance JetOpenFileInstanceA
#endif

JET_ERR JET_API JetReadFile(
    JET_HANDLE hfFile,
    void *pv,
    uint32_t cb,
    uint32_t *pcbActual);

JET_ERR JET_API JetReadFileInstance(
    JET_INSTANCE instance,
    JET_HANDLE hfFile,
    void *pv,
    uint32_t cb,
    uint32_t *pcbActual);

JET_ERR JET_API JetCloseFile(
    JET_HANDLE hfFile);

JET_ERR JET_API JetCloseFileInstance(
    JET_INSTANCE instance,
    JET_HANDLE hfFile);

JET_ERR JET_API JetGetLogInfoA(
    JET_PSTR szzLogs,
    uint32_t cbMax,
    uint32_t *pcbActual);

JET_ERR JET_API JetGetLogInfoW(
    JET_PWSTR szzLogs,
    uint32_t cbMax,
    uint32_t *pcbActual);

#ifdef JET_UNICODE
#define JetGetLogInfo JetGetLogInfoW
#else
#define JetGetLogInfo JetGetLogInfoA
#endif

JET_ERR JET_API JetGetLogInfoInstanceA(
    JET_INSTANCE instance,
    JET_PSTR szzLogs,
    uint32_t cbMax,
    uint32_t *pcbActual);

JET_ERR JET_API JetGetLogInfoInstanceW(
    JET_INSTANCE instance,
    JET_PWSTR wszzLogs,
    uint32_t cbMax,
    uint32_t *pcbActual);

#ifdef JET_UNICODE
#define JetGetLogInfoInstance JetGetLogInfoInstanceW
#else
#define JetGetLogInfoInstance JetGetLogInfoInstanceA
#endif

JET_ERR JET_API JetGetLogInfoInstance2A(
    JET_INSTANCE instance,
    JET_PSTR szzLogs,
    uint32_t cbMax,
    uint32_t *pcbActual,
    JET_LOGINFO_A *pLogInfo);

JET_ERR JET_API JetGetLogInfoInstance2W(
    JET_INSTANCE instance,
    JET_PWSTR wszzLogs,
    uint32_t cbMax,
    uint32_t *pcbActual,
    JET_LOGINFO_W *pLogInfo);

#ifdef JET_UNICODE
#define JetGetLogInfoInstance2 JetGetLogInfoInstance2W
#else
#define JetGetLogInfoInstance2 JetGetLogInfoInstance2A
#endif

JET_ERR JET_API JetGetTruncateLogInfoInstanceA(
    JET_INSTANCE instance,
    JET_PSTR szzLogs,
    uint32_t cbMax,
    uint32_t *pcbActual);

JET_ERR JET_API JetGetTruncateLogInfoInstanceW(
    JET_INSTANCE instance,
    JET_PWSTR wszzLogs,
    uint32_t cbMax,
    uint32_t *pcbActual);

#ifdef JET_UNICODE
#define JetGetTruncateLogInfoInstance JetGetTruncateLogInfoInstanceW
#else
#define JetGetTruncateLogInfoInstance JetGetTruncateLogInfoInstanceA
#endif

JET_ERR JET_API JetTruncateLog(void);

JET_ERR JET_API JetTruncateLogInstance(
    JET_INSTANCE instance);

JET_ERR JET_API JetEndExternalBackup(void);

JET_ERR JET_API JetEndExternalBackupInstance(
    JET_INSTANCE instance);

JET_ERR JET_API JetEndExternalBackupInstance2(
    JET_INSTANCE instance,
    JET_GRBIT grbit);

JET_ERR JET_API JetExternalRestoreA(
    JET_PSTR szCheckpointFilePath,
    JET_PSTR szLogPath,
    JET_RSTMAP_A *rgrstmap,
    int32_t crstfilemap,
    JET_PSTR szBackupLogPath,
    int32_t genLow,
    int32_t genHigh,
    JET_PFNSTATUS pfn);

JET_ERR JET_API JetExternalRestoreW(
    JET_PWSTR szCheckpointFilePath,
    JET_PWSTR szLogPath,
    JET_RSTMAP_W *rgrstmap,
    int32_t crstfilemap,
    JET_PWSTR szBackupLogPath,
    int32_t genLow,
    int32_t genHigh,
    JET_PFNSTATUS pfn);

#ifdef JET_UNICODE
#define JetExternalRestore JetExternalRestoreW
#else
#define JetExternalRestore JetExternalRestoreA
#endif

JET_ERR JET_API JetExternalRestore2A(
    JET_PSTR szCheckpointFilePath,
    JET_PSTR szLogPath,
    JET_RSTMAP_A *rgrstmap,
    int32_t crstfilemap,
    JET_PSTR szBackupLogPath,
    JET_LOGINFO_A *pLogInfo,
    JET_PSTR szTargetInstanceName,
    JET_PSTR szTargetInstanceLogPath,
    JET_PSTR szTargetInstanceCheckpointPath,
    JET_PFNSTATUS pfn);

JET_ERR JET_API JetExternalRestore2W(
    JET_PWSTR szCheckpointFilePath,
    JET_PWSTR szLogPath,
    JET_RSTMAP_W *rgrstmap,
    int32_t crstfilemap,
    JET_PWSTR szBackupLogPath,
    JET_LOGINFO_W *pLogInfo,
    JET_PWSTR szTargetInstanceName,
    JET_PWSTR szTargetInstanceLogPath,
    JET_PWSTR szTargetInstanceCheckpointPath,
    JET_PFNSTATUS pfn);

#ifdef JET_UNICODE
#define JetExternalRestore2 JetExternalRestore2W
#else
#define JetExternalRestore2 JetExternalRestore2A
#endif

JET_ERR JET_API JetRegisterCallback(
    JET_SESID sesid,
    JET_TABLEID tableid,
    JET_CBTYP cbtyp,
    JET_CALLBACK pCallback,
    void *pvContext,
    JET_HANDLE *phCallbackId);

JET_ERR JET_API JetUnregisterCallback(
    JET_SESID sesid,
    JET_TABLEID tableid,
    JET_CBTYP cbtyp,
    JET_HANDLE hCallbackId);

JET_ERR JET_API JetGetInstanceInfoA(
    uint32_t *pcInstanceInfo,
    JET_INSTANCE_INFO_A **paInstanceInfo);

JET_ERR JET_API JetGetInstanceInfoW(
    uint32_t *pcInstanceInfo,
    JET_INSTANCE_INFO_W **paInstanceInfo);

#ifdef JET_UNICODE
#define JetGetInstanceInfo JetGetInstanceInfoW
#else
#define JetGetInstanceInfo JetGetInstanceInfoA
#endif

JET_ERR JET_API JetFreeBuffer(
    char *pbBuf);

JET_ERR JET_API JetSetLS(
    JET_SESID sesid,
    JET_TABLEID tableid,
    JET_LS ls,
    JET_GRBIT grbit);

JET_ERR JET_API JetGetLS(
    JET_SESID sesid,
    JET_TABLEID tableid,
    JET_LS *pls,
    JET_GRBIT grbit);

JET_ERR JET_API JetOSSnapshotPrepare(
    JET_OSSNAPID *psnapId,
    const JET_GRBIT grbit);

JET_ERR JET_API JetOSSnapshotPrepareInstance(
    JET_OSSNAPID snapId,
    JET_INSTANCE instance,
    const JET_GRBIT grbit);

JET_ERR JET_API JetOSSnapshotFreezeA(
    const JET_OSSNAPID snapId,
    uint32_t *pcInstanceInfo,
    JET_INSTANCE_INFO_A **paInstanceInfo,
    const JET_GRBIT grbit);

JET_ERR JET_API JetOSSnapshotFreezeW(
    const JET_OSSNAPID snapId,
    uint32_t *pcInstanceInfo,
    JET_INSTANCE_INFO_W **paInstanceInfo,
    const JET_GRBIT grbit);

#ifdef JET_UNICODE
#define JetOSSnapshotFreeze JetOSSnapshotFreezeW
#else
#define JetOSSnapshotFreeze JetOSSnapshotFreezeA
#endif

JET_ERR JET_API JetOSSnapshotThaw(
    const JET_OSSNAPID snapId,
    const JET_GRBIT grbit);

JET_ERR JET_API JetOSSnapshotAbort(
    const JET_OSSNAPID snapId,
    const JET_GRBIT grbit);

JET_ERR JET_API JetOSSnapshotTruncateLog(
    const JET_OSSNAPID snapId,
    const JET_GRBIT grbit);

JET_ERR JET_API JetOSSnapshotTruncateLogInstance(
    const JET_OSSNAPID snapId,
    JET_INSTANCE instance,
    const JET_GRBIT grbit);

JET_ERR JET_API JetOSSnapshotGetFreezeInfoA(
    const JET_OSSNAPID snapId,
    uint32_t *pcInstanceInfo,
    JET_INSTANCE_INFO_A **paInstanceInfo,
    const JET_GRBIT grbit);

JET_ERR JET_API JetOSSnapshotGetFreezeInfoW(
    const JET_OSSNAPID snapId,
    uint32_t *pcInstanceInfo,
    JET_INSTANCE_INFO_W **paInstanceInfo,
    const JET_GRBIT grbit);

#ifdef JET_UNICODE
#define JetOSSnapshotGetFreezeInfo JetOSSnapshotGetFreezeInfoW
#else
#define JetOSSnapshotGetFreezeInfo JetOSSnapshotGetFreezeInfoA
#endif

JET_ERR JET_API JetOSSnapshotEnd(
    const JET_OSSNAPID snapId,
    const JET_GRBIT grbit);

JET_ERR JET_API JetConfigureProcessForCrashDump(
    const JET_GRBIT grbit);

JET_ERR JET_API JetGetErrorInfoW(
    void *pvContext,
    void *pvResult,
    uint32_t cbMax,
    uint32_t InfoLevel,
    JET_GRBIT grbit);

/* wide form only, as in the SDK */
#ifdef JET_UNICODE
#define JetGetErrorInfo JetGetErrorInfoW
#endif

JET_ERR JET_API JetSetSessionParameter(
    JET_SESID sesid,
    uint32_t sesparamid,
    void *pvParam,
    uint32_t cbParam);

JET_ERR JET_API JetGetSessionParameter(
    JET_SESID sesid,
    uint32_t sesparamid,
    void *pvParam,
    uint32_t cbParamMax,
    uint32_t *pcbParamActual);

/* ##################################################################### */
/*                                                                       */
/*  Exported by esent.dll but not in the SDK header.                     */
/*                                                                       */
/*  Everything below comes from the engine's private header and is      */
/*  declared so that the undocumented exports can be called and so the  */
/*  library can implement them.  Windows' SDK esent.h has none of it.   */
/*                                                                       */
/* ##################################################################### */

/* --- extra error codes returned by the engine ------------------------ */
#define JET_errDeviceMissing                                 -114
#define JET_errDeviceMisconfigured                           -115
#define JET_errDeviceTimeout                                 -116
#define JET_errDeviceFailure                                 -118
#define JET_errInvalidColumnReference                        -426
#define JET_errStaleColumnReference                          -427
#define JET_wrnNoMoreRecords                                 428
#define JET_errCompressionIntegrityCheckFailed               -431
#define JET_errSurrogateBackupInProgress                     -617
#define JET_errQueryNotSupported                             -1034
#define JET_errSQLLinkNotSupported                           -1035
#define JET_errCurrencyStackOutOfMemory                      -1070
#define JET_errMustCommitDistributedTransactionToLevel0      -1150
#define JET_errDistributedTransactionAlreadyPreparedToCommit -1151
#define JET_errNotInDistributedTransaction                   -1152
#define JET_errDistributedTransactionNotYetPreparedToCommit  -1153
#define JET_errCannotNestDistributedTransactions             -1154
#define JET_errDTCMissingCallback                            -1160
#define JET_errDTCMissingCallbackOnRecovery                  -1161
#define JET_errDTCCallbackUnexpectedError                    -1162
#define JET_wrnDTCCommitTransaction                          1163
#define JET_wrnDTCRollbackTransaction                        1164
#define JET_errDatabaseIncompleteIncrementalReseed           -1226
#define JET_errDatabaseInvalidIncrementalReseed              -1227
#define JET_errDatabaseFailedIncrementalReseed               -1228
#define JET_errNoAttachmentsFailedIncrementalReseed          -1229
#define JET_wrnTaggedColumnsRemaining                        1523
#define JET_errRBSFileCorrupt                                -1921
#define JET_errRBSHeaderCorrupt                              -1922
#define JET_errRBSDbMismatch                                 -1923
#define JET_errBadRBSVersion                                 -1925
#define JET_errOutOfRBSSpace                                 -1926
#define JET_errRBSInvalidSign                                -1927
#define JET_errRBSInvalidRecord                              -1928
#define JET_errRBSRCInvalidRBS                               -1929
#define JET_errRBSRCNoRBSFound                               -1930
#define JET_errRBSRCBadDbState                               -1931
#define JET_errRBSMissingReqLogs                             -1932
#define JET_errRBSLogDivergenceFailed                        -1933
#define JET_errRBSRCCopyLogsRevertState                      -1934
#define JET_errDatabaseIncompleteRevert                      -1935
#define JET_errRBSRCRevertCancelled                          -1936
#define JET_errRBSRCInvalidDbFormatVersion                   -1937
#define JET_errRBSCannotDetermineDivergence                  -1938
#define JET_errRBSDeleteTableTooBig                          -1941
#define JET_errRBSDeleteTableTooSoon                         -1942
#define JET_errRBSFDPToBeDeleted                             -1943
#define JET_errRBSRevertableDeleteNotPossible                -1944
#define JET_wrnDatabaseScanAlreadyRunning                    2002
#define JET_wrnDatabaseScanNotRunning                        2003
#define JET_errTooManyTestInjections                         -2501
#define JET_errTestInjectionNotSupported                     -2502
#define JET_errInvalidLogDataSequence                        -2601
#define JET_wrnPreviousLogFileIncomplete                     2602

/* --- obsolete codes of older SDKs (streaming-file era), kept so that old
 *     sources still compile -------------------------------------------- */
#define JET_errBadSLVSignature                  -537
#define JET_errSLVReadVerifyFailure             -613

/* --- extra callback reasons and option bits -------------------------- */
#define JET_cbtypDTCQueryPreparedTransaction    0x00001000
#define JET_cbtypOnlineDefragProgress           0x00002000
#define JET_cbtypScanProgress                   0x00004000  /* JetDatabaseScan */
#define JET_cbtypScanCompleted                  0x00008000  /* JetDatabaseScan */

/* JetBeginTransaction2: transaction needs JetPrepareToCommitTransaction */
#define JET_bitDistributedTransaction           0x00000002

/* JetBackup* / JetBeginSurrogateBackup / JetEndExternalBackupInstance2 */
#define JET_bitKeepOldLogs                      0x00000002
#define JET_bitBackupFullWithAllLogs            0x00000008
#define JET_bitBackupSurrogate                  0x00000020
#define JET_bitInternalCopy                     0x00000040
#define JET_bitBackupNoDbHeaderUpdate           0x0200

/* JetDatabaseScan */
#define JET_bitDatabaseScanBatchStart           0x00000010
#define JET_bitDatabaseScanBatchStop            0x00000020
#define JET_bitDatabaseScanZeroPages            0x00000040  /* deprecated */
#define JET_bitDatabaseScanBatchStartContinuous 0x00000080

/* JetPatchDatabasePages */
#define JET_bitTestUninitShrunkPageImage        0x00000001
#define JET_bitPatchingCorruptPage              0x00000002

/* JetEndDatabaseIncrementalReseed */
#define JET_bitEndDatabaseIncrementalReseedCancel 0x00000001

/* More database states and file types (JetGetDatabaseFileInfo) */
#define JET_dbstateIncrementalReseedInProgress  6
#define JET_dbstateDirtyAndPatchedShutdown      7
#define JET_filetypeStreamingFile               2
#define JET_filetypeFTL                         6
#define JET_filetypeCachedFile                  8
#define JET_filetypeCachingFile                 9
#define JET_filetypeSnapshot                    10
#define JET_filetypeRBSRevertCheckpoint         11

/* --- JetGetSessionInfo ----------------------------------------------- */
#define JET_SessionInfo                         0U

/* JET_SESSIONINFO.ulFlags */
#define JET_bitCIMCommitted                     0x00000001
#define JET_bitCIMDirty                         0x00000002
#define JET_bitAggregateTransaction             0x00000008

typedef struct JET_SESSIONINFO
{
    uint32_t    ulTrxBegin0;
    uint32_t    ulTrxLevel;
    uint32_t    ulProcid;
    uint32_t    ulFlags;
    JET_API_PTR ulTrxContext;
} JET_SESSIONINFO;

/* --- JetGetInstanceMiscInfo(JET_InstanceMiscInfoCheckpoint) ---------- */
#define JET_InstanceMiscInfoCheckpoint          1U

#pragma pack(push, 1)
typedef struct
{
    uint32_t    genMin;
    uint32_t    genMax;
    JET_LOGTIME logtimeGenMaxCreate;
} JET_CHECKPOINTINFO;
#pragma pack(pop)

/* --- JetGetLogFileInfo ----------------------------------------------- */
#define JET_LogInfoMisc                         0
#define JET_LogInfoMisc2                        1

typedef struct
{
    uint32_t      ulGeneration;
    JET_SIGNATURE signLog;
    JET_LOGTIME   logtimeCreate;
    JET_LOGTIME   logtimePreviousGeneration;
    uint32_t      ulFlags;
    uint32_t      ulVersionMajor;
    uint32_t      ulVersionMinor;
    uint32_t      ulVersionUpdate;
    uint32_t      cbSectorSize;
    uint32_t      cbHeader;
    uint32_t      cbFile;
    uint32_t      cbDatabasePageSize;
} JET_LOGINFOMISC;

typedef struct
{
    uint32_t      ulGeneration;
    JET_SIGNATURE signLog;
    JET_LOGTIME   logtimeCreate;
    JET_LOGTIME   logtimePreviousGeneration;
    uint32_t      ulFlags;
    uint32_t      ulVersionMajor;
    uint32_t      ulVersionMinor;
    uint32_t      ulVersionUpdate;
    uint32_t      cbSectorSize;
    uint32_t      cbHeader;
    uint32_t      cbFile;
    uint32_t      cbDatabasePageSize;
    JET_LGPOS     lgposCheckpoint;
} JET_LOGINFOMISC2;

/* --- Newer database header versions (JetGetDatabaseFileInfo) --------- */
typedef struct
{
    uint32_t      ulVersion;                /* major format version */
    uint32_t      ulUpdate;                 /* format update number */
    JET_SIGNATURE signDb;                   /* database signature */
    uint32_t      dbstate;                  /* JET_dbstate* */
    JET_LGPOS     lgposConsistent;
    JET_LOGTIME   logtimeConsistent;
    JET_LOGTIME   logtimeAttach;
    JET_LGPOS     lgposAttach;
    JET_LOGTIME   logtimeDetach;
    JET_LGPOS     lgposDetach;
    JET_SIGNATURE signLog;                  /* signature of the attached log stream */
    JET_BKINFO    bkinfoFullPrev;           /* last full backup */
    JET_BKINFO    bkinfoIncPrev;            /* last incremental backup */
    JET_BKINFO    bkinfoFullCur;            /* backup in progress */
    uint32_t      fShadowingDisabled;
    uint32_t      fUpgradeDb;
    uint32_t      dwMajorVersion;           /* OS version that last used the file */
    uint32_t      dwMinorVersion;
    uint32_t      dwBuildNumber;
    int32_t       lSPNumber;
    uint32_t      cbPageSize;               /* 0 means 4 KiB */
    /* added in version 2 */
    uint32_t      genMinRequired;
    uint32_t      genMaxRequired;
    JET_LOGTIME   logtimeGenMaxCreate;
    uint32_t      ulRepairCount;
    JET_LOGTIME   logtimeRepair;
    uint32_t      ulRepairCountOld;
    uint32_t      ulECCFixSuccess;
    JET_LOGTIME   logtimeECCFixSuccess;
    uint32_t      ulECCFixSuccessOld;
    uint32_t      ulECCFixFail;
    JET_LOGTIME   logtimeECCFixFail;
    uint32_t      ulECCFixFailOld;
    uint32_t      ulBadChecksum;
    JET_LOGTIME   logtimeBadChecksum;
    uint32_t      ulBadChecksumOld;
    /* added in version 3 */
    uint32_t      genCommitted;
    /* added in version 4 */
    JET_BKINFO    bkinfoCopyPrev;
    JET_BKINFO    bkinfoDiffPrev;
    /* added in version 5 */
    uint32_t      ulIncrementalReseedCount;
    JET_LOGTIME   logtimeIncrementalReseed;
    uint32_t      ulIncrementalReseedCountOld;
    uint32_t      ulPagePatchCount;
    JET_LOGTIME   logtimePagePatch;
    uint32_t      ulPagePatchCountOld;
} JET_DBINFOMISC5;

typedef struct
{
    uint32_t      ulVersion;                /* major format version */
    uint32_t      ulUpdate;                 /* format update number */
    JET_SIGNATURE signDb;                   /* database signature */
    uint32_t      dbstate;                  /* JET_dbstate* */
    JET_LGPOS     lgposConsistent;
    JET_LOGTIME   logtimeConsistent;
    JET_LOGTIME   logtimeAttach;
    JET_LGPOS     lgposAttach;
    JET_LOGTIME   logtimeDetach;
    JET_LGPOS     lgposDetach;
    JET_SIGNATURE signLog;                  /* signature of the attached log stream */
    JET_BKINFO    bkinfoFullPrev;           /* last full backup */
    JET_BKINFO    bkinfoIncPrev;            /* last incremental backup */
    JET_BKINFO    bkinfoFullCur;            /* backup in progress */
    uint32_t      fShadowingDisabled;
    uint32_t      fUpgradeDb;
    uint32_t      dwMajorVersion;           /* OS version that last used the file */
    uint32_t      dwMinorVersion;
    uint32_t      dwBuildNumber;
    int32_t       lSPNumber;
    uint32_t      cbPageSize;               /* 0 means 4 KiB */
    /* added in version 2 */
    uint32_t      genMinRequired;
    uint32_t      genMaxRequired;
    JET_LOGTIME   logtimeGenMaxCreate;
    uint32_t      ulRepairCount;
    JET_LOGTIME   logtimeRepair;
    uint32_t      ulRepairCountOld;
    uint32_t      ulECCFixSuccess;
    JET_LOGTIME   logtimeECCFixSuccess;
    uint32_t      ulECCFixSuccessOld;
    uint32_t      ulECCFixFail;
    JET_LOGTIME   logtimeECCFixFail;
    uint32_t      ulECCFixFailOld;
    uint32_t      ulBadChecksum;
    JET_LOGTIME   logtimeBadChecksum;
    uint32_t      ulBadChecksumOld;
    /* added in version 3 */
    uint32_t      genCommitted;
    /* added in version 4 */
    JET_BKINFO    bkinfoCopyPrev;
    JET_BKINFO    bkinfoDiffPrev;
    /* added in version 5 */
    uint32_t      ulIncrementalReseedCount;
    JET_LOGTIME   logtimeIncrementalReseed;
    uint32_t      ulIncrementalReseedCountOld;
    uint32_t      ulPagePatchCount;
    JET_LOGTIME   logtimePagePatch;
    uint32_t      ulPagePatchCountOld;
    /* added in version 6 */
    JET_LOGTIME   logtimeChecksumPrev;
    JET_LOGTIME   logtimeChecksumStart;
    uint32_t      cpgDatabaseChecked;
} JET_DBINFOMISC6;

typedef struct
{
    uint32_t      ulVersion;                /* major format version */
    uint32_t      ulUpdate;                 /* format update number */
    JET_SIGNATURE signDb;                   /* database signature */
    uint32_t      dbstate;                  /* JET_dbstate* */
    JET_LGPOS     lgposConsistent;
    JET_LOGTIME   logtimeConsistent;
    JET_LOGTIME   logtimeAttach;
    JET_LGPOS     lgposAttach;
    JET_LOGTIME   logtimeDetach;
    JET_LGPOS     lgposDetach;
    JET_SIGNATURE signLog;                  /* signature of the attached log stream */
    JET_BKINFO    bkinfoFullPrev;           /* last full backup */
    JET_BKINFO    bkinfoIncPrev;            /* last incremental backup */
    JET_BKINFO    bkinfoFullCur;            /* backup in progress */
    uint32_t      fShadowingDisabled;
    uint32_t      fUpgradeDb;
    uint32_t      dwMajorVersion;           /* OS version that last used the file */
    uint32_t      dwMinorVersion;
    uint32_t      dwBuildNumber;
    int32_t       lSPNumber;
    uint32_t      cbPageSize;               /* 0 means 4 KiB */
    /* added in version 2 */
    uint32_t      genMinRequired;
    uint32_t      genMaxRequired;
    JET_LOGTIME   logtimeGenMaxCreate;
    uint32_t      ulRepairCount;
    JET_LOGTIME   logtimeRepair;
    uint32_t      ulRepairCountOld;
    uint32_t      ulECCFixSuccess;
    JET_LOGTIME   logtimeECCFixSuccess;
    uint32_t      ulECCFixSuccessOld;
    uint32_t      ulECCFixFail;
    JET_LOGTIME   logtimeECCFixFail;
    uint32_t      ulECCFixFailOld;
    uint32_t      ulBadChecksum;
    JET_LOGTIME   logtimeBadChecksum;
    uint32_t      ulBadChecksumOld;
    /* added in version 3 */
    uint32_t      genCommitted;
    /* added in version 4 */
    JET_BKINFO    bkinfoCopyPrev;
    JET_BKINFO    bkinfoDiffPrev;
    /* added in version 5 */
    uint32_t      ulIncrementalReseedCount;
    JET_LOGTIME   logtimeIncrementalReseed;
    uint32_t      ulIncrementalReseedCountOld;
    uint32_t      ulPagePatchCount;
    JET_LOGTIME   logtimePagePatch;
    uint32_t      ulPagePatchCountOld;
    /* added in version 6 */
    JET_LOGTIME   logtimeChecksumPrev;
    JET_LOGTIME   logtimeChecksumStart;
    uint32_t      cpgDatabaseChecked;
    /* added in version 7 */
    JET_LOGTIME   logtimeLastReAttach;
    JET_LGPOS     lgposLastReAttach;
} JET_DBINFOMISC7;

/* --- JetRetrieveTaggedColumnList ------------------------------------- */
typedef struct
{
    JET_COLUMNID columnid;
    uint16_t     cMultiValues;
    JET_ANON_ union
    {
        uint16_t usFlags;
        JET_ANON_ struct
        {
            uint16_t fLongValue:1;      /* LongText / LongBinary column */
            uint16_t fDefaultValue:1;   /* default value was returned */
            uint16_t fNullOverride:1;   /* explicit NULL hides a default */
            uint16_t fDerived:1;        /* inherited from a template table */
        };
    };
} JET_RETRIEVEMULTIVALUECOUNT;

/* --- JetGetPageInfo / JetGetPageInfo2 -------------------------------- */
#define JET_PageInfo                            0U
#define JET_PageInfo2                           1U
#define JET_bitPageInfoNoStructureChecksum      0x00000001

typedef struct tagJET_PAGEINFO
{
    uint32_t pgno;                      /* in */
    uint32_t fPageIsInitialized:1;
    uint32_t fCorrectableError:1;
    uint64_t checksumActual;
    uint64_t checksumExpected;
    uint64_t dbtime;
    uint64_t structureChecksum;
    uint64_t flags;
} JET_PAGEINFO;

typedef struct tagJET_PAGEINFO2
{
    JET_PAGEINFO pageInfo;
    uint64_t     rgChecksumActual[3];
    uint64_t     rgChecksumExpected[3];
} JET_PAGEINFO2;

/* --- JET_paramEmitLogDataCallback ------------------------------------ */
#define JET_bitShadowLogEmitFirstCall           0x00000001
#define JET_bitShadowLogEmitLastCall            0x00000002
#define JET_bitShadowLogEmitCancel              0x00000004
#define JET_bitShadowLogEmitDataBuffers         0x00000008
#define JET_bitShadowLogEmitLogComplete         0x00000010

typedef struct tag_JET_EMITDATACTX
{
    uint32_t    cbStruct;
    uint32_t    dwVersion;
    uint64_t    qwSequenceNum;
    JET_GRBIT   grbitOperationalFlags;
    JET_LOGTIME logtimeEmit;
    JET_LGPOS   lgposLogData;
    uint32_t    cbLogData;
} JET_EMITDATACTX;

typedef JET_ERR (JET_API *JET_PFNEMITLOGDATA)(
    JET_INSTANCE instance,
    JET_EMITDATACTX *pEmitLogDataCtx,
    void *pvLogData,
    uint32_t cbLogData,
    void *callbackCtx);

/* --- Revert snapshot information -------------------------------------- */
typedef struct
{
    int32_t     lRBSGeneration;
    JET_LOGTIME logtimeCreate;
    JET_LOGTIME logtimeCreatePrevRBS;
    uint32_t    ulMajor;
    uint32_t    ulMinor;
    uint64_t    cbLogicalFileSize;
} JET_RBSINFOMISC;

typedef struct
{
    int32_t     lGenMinRevertStart;
    int32_t     lGenMaxRevertStart;
    int32_t     lGenMinRevertEnd;
    int32_t     lGenMaxRevertEnd;
    JET_LOGTIME logtimeRevertFrom;
    uint64_t    cSecRevert;
    uint64_t    cPagesReverted;
    int32_t     lGenRBSMaxApplied;
    int32_t     lGenRBSMinApplied;
} JET_RBSREVERTINFOMISC;

/* --- JetDBUtilities --------------------------------------------------- */

/* Operation selected by JET_DBUTIL.op (an enum: 32 bits on every target). */
typedef enum
{
    opDBUTILConsistency,
    opDBUTILDumpData,
    opDBUTILDumpMetaData,
    opDBUTILDumpPage,
    opDBUTILDumpNode,
    opDBUTILDumpSpace,
    opDBUTILSetHeaderState,
    opDBUTILDumpHeader,
    opDBUTILDumpLogfile,
    opDBUTILDumpLogfileTrackNode,
    opDBUTILDumpCheckpoint,
    opDBUTILEDBDump,
    opDBUTILEDBRepair,
    opDBUTILMunge,
    opDBUTILEDBScrub,
    opDBUTILSLVMove_ObsoleteAndUnused,
    opDBUTILDBConvertRecords_ObsoleteAndUnused,
    opDBUTILDBDefragment,
    opDBUTILDumpExchangeSLVInfo_ObsoleteAndUnused,
    opDBUTILDumpUnicodeFixupTable_ObsoleteAndUnused,
    opDBUTILDumpPageUsage,
    opDBUTILUpdateDBHeaderFromTrailer,
    opDBUTILChecksumLogFromMemory,
    opDBUTILDumpFTLHeader,
    opDBUTILDBTrim,
    opDBUTILDumpFlushMapFile,
    opDBUTILDumpSpaceCategory,
    opDBUTILDumpCachedFileHeader,
    opDBUTILDumpCacheFile,
    opDBUTILDumpRBSHeader,
    opDBUTILDumpRBSPages
} DBUTIL_OP;

typedef enum
{
    opEDBDumpTables,
    opEDBDumpIndexes,
    opEDBDumpColumns,
    opEDBDumpCallbacks,
    opEDBDumpPage
} EDBDUMP_OP;

typedef struct tagDBUTIL_A
{
    uint32_t    cbStruct;
    JET_SESID   sesid;
    JET_DBID    dbid;
    JET_TABLEID tableid;
    DBUTIL_OP   op;
    EDBDUMP_OP  edbdump;
    JET_GRBIT   grbitOptions;
    JET_ANON_ union
    {
        JET_ANON_ struct            /* most operations */
        {
            char       *szDatabase;
            char       *szSLV_ObsoleteAndUnused;
            char       *szBackup;
            const char *szTable;
            const char *szIndex;
            char       *szIntegPrefix;
            int32_t     pgno;
            int32_t     iline;
            int32_t     lGeneration;
            int32_t     isec;
            int32_t     ib;
            int32_t     cRetry;
            void       *pfnCallback;
            void       *pvCallback;
        };
        struct                      /* opDBUTILChecksumLogFromMemory */
        {
            char    *szLog;
            char    *szBase;
            void    *pvBuffer;
            int32_t  cbBuffer;
        } checksumlogfrommemory;
        struct                      /* opDBUTILDumpSpaceCategory */
        {
            char     *szDatabase;
            uint32_t  pgnoFirst;
            uint32_t  pgnoLast;
            void     *pfnSpaceCatCallback;
            void     *pvContext;
        } spcatOptions;
        struct                      /* opDBUTILDumpRBS* */
        {
            char     *szDatabase;
            uint32_t  pgnoFirst;
            uint32_t  pgnoLast;
        } rbsOptions;
    };
} JET_DBUTIL_A;

typedef struct tagDBUTIL_W
{
    uint32_t    cbStruct;
    JET_SESID   sesid;
    JET_DBID    dbid;
    JET_TABLEID tableid;
    DBUTIL_OP   op;
    EDBDUMP_OP  edbdump;
    JET_GRBIT   grbitOptions;
    JET_ANON_ union
    {
        JET_ANON_ struct
        {
            WCHAR       *szDatabase;
            WCHAR       *szSLV_ObsoleteAndUnused;
            WCHAR       *szBackup;
            const WCHAR *szTable;
            const WCHAR *szIndex;
            WCHAR       *szIntegPrefix;
            int32_t      pgno;
            int32_t      iline;
            int32_t      lGeneration;
            int32_t      isec;
            int32_t      ib;
            int32_t      cRetry;
            void        *pfnCallback;
            void        *pvCallback;
        };
        struct
        {
            WCHAR   *szLog;
            WCHAR   *szBase;
            void    *pvBuffer;
            int32_t  cbBuffer;
        } checksumlogfrommemory;
        struct
        {
            WCHAR    *szDatabase;
            uint32_t  pgnoFirst;
            uint32_t  pgnoLast;
            void     *pfnSpaceCatCallback;
            void     *pvContext;
        } spcatOptions;
        struct
        {
            WCHAR    *szDatabase;
            uint32_t  pgnoFirst;
            uint32_t  pgnoLast;
        } rbsOptions;
    };
} JET_DBUTIL_W;

/* JET_DBUTIL.grbitOptions for opDBUTILDumpSpace */
#define JET_bitDBUtilSpaceInfoBasicCatalog      0x00000001
#define JET_bitDBUtilSpaceInfoSpaceTrees        0x00000002
#define JET_bitDBUtilSpaceInfoParentOfLeaf      0x00000004
#define JET_bitDBUtilSpaceInfoFullWalk          0x00000008

/* JET_DBUTIL.grbitOptions for the other operations */
#define JET_bitDBUtilOptionAllNodes             0x00000001
#define JET_bitDBUtilOptionKeyStats             0x00000002
#define JET_bitDBUtilOptionPageDump             0x00000004
#define JET_bitDBUtilOptionStats                0x00000008
#define JET_bitDBUtilOptionSuppressConsoleOutput 0x00000010
#define JET_bitDBUtilOptionIgnoreErrors         0x00000020
#define JET_bitDBUtilOptionVerify               0x00000040
#define JET_bitDBUtilOptionReportErrors         0x00000080
#define JET_bitDBUtilOptionDontRepair           0x00000100
#define JET_bitDBUtilOptionRepairAll            0x00000200
#define JET_bitDBUtilOptionRepairIndexes        0x00000400
#define JET_bitDBUtilOptionDontBuildIndexes     0x00000800
#define JET_bitDBUtilOptionSuppressLogo         0x00008000
#define JET_bitDBUtilOptionRepairCheckOnly      0x00010000
#define JET_bitDBUtilOptionDumpLVPageUsage      0x00020000
#define JET_bitDBUtilOptionDumpLogInfoCSV       0x00040000
#define JET_bitDBUtilOptionDumpLogPermitPatching 0x00080000
#define JET_bitDBUtilOptionSkipMinLogChecksUpdateHeader 0x00100000
#define JET_bitDBUtilOptionDumpVerbose          0x10000000
#define JET_bitDBUtilOptionDumpVerboseLevel1    JET_bitDBUtilOptionDumpVerbose
#define JET_bitDBUtilOptionDumpVerboseLevel2    0x20000000
#define JET_bitDBUtilOptionDumpLogSummary       0x40000000

/* --- JetConvertDDL ----------------------------------------------------- */
typedef enum
{
    opDDLConvNull = 0,
    opDDLConvAddCallback = 1,
    opDDLConvChangeColumn = 2,
    opDDLConvAddConditionalColumnsToAllIndexes = 3,
    opDDLConvAddColumnCallback = 4,
    opDDLConvIncreaseMaxColumnSize = 5,
    opDDLConvChangeIndexDensity = 6,
    opDDLConvChangeCallbackDLL = 7,
    opDDLConvMax = 8
} JET_OPDDLCONV;

typedef struct tagDDLADDCALLBACK_A
{
    char     *szTable;
    char     *szCallback;
    JET_CBTYP cbtyp;
} JET_DDLADDCALLBACK_A;

typedef struct tagDDLADDCALLBACK_W
{
    WCHAR    *szTable;
    WCHAR    *szCallback;
    JET_CBTYP cbtyp;
} JET_DDLADDCALLBACK_W;

typedef struct tagDDLCHANGECOLUMN_A
{
    char      *szTable;
    char      *szColumn;
    JET_COLTYP coltypNew;
    JET_GRBIT  grbitNew;
} JET_DDLCHANGECOLUMN_A;

typedef struct tagDDLCHANGECOLUMN_W
{
    WCHAR     *szTable;
    WCHAR     *szColumn;
    JET_COLTYP coltypNew;
    JET_GRBIT  grbitNew;
} JET_DDLCHANGECOLUMN_W;

typedef struct tagDDLMAXCOLUMNSIZE_A
{
    char    *szTable;
    char    *szColumn;
    uint32_t cbMax;
} JET_DDLMAXCOLUMNSIZE_A;

typedef struct tagDDLMAXCOLUMNSIZE_W
{
    WCHAR   *szTable;
    WCHAR   *szColumn;
    uint32_t cbMax;
} JET_DDLMAXCOLUMNSIZE_W;

typedef struct tagDDLADDCONDITIONALCOLUMNSTOALLINDEXES_A
{
    char                    *szTable;
    JET_CONDITIONALCOLUMN_A *rgconditionalcolumn;
    uint32_t                 cConditionalColumn;
} JET_DDLADDCONDITIONALCOLUMNSTOALLINDEXES_A;

typedef struct tagDDLADDCONDITIONALCOLUMNSTOALLINDEXES_W
{
    WCHAR                   *szTable;
    JET_CONDITIONALCOLUMN_W *rgconditionalcolumn;
    uint32_t                 cConditionalColumn;
} JET_DDLADDCONDITIONALCOLUMNSTOALLINDEXES_W;

typedef struct tagDDLADDCOLUMCALLBACK_A
{
    char    *szTable;
    char    *szColumn;
    char    *szCallback;
    void    *pvCallbackData;
    uint32_t cbCallbackData;
} JET_DDLADDCOLUMNCALLBACK_A;

typedef struct tagDDLADDCOLUMCALLBACK_W
{
    WCHAR   *szTable;
    WCHAR   *szColumn;
    WCHAR   *szCallback;
    void    *pvCallbackData;
    uint32_t cbCallbackData;
} JET_DDLADDCOLUMNCALLBACK_W;

typedef struct tagDDLINDEXDENSITY_A
{
    char    *szTable;
    char    *szIndex;       /* NULL: primary index */
    uint32_t ulDensity;
} JET_DDLINDEXDENSITY_A;

typedef struct tagDDLINDEXDENSITY_W
{
    WCHAR   *szTable;
    WCHAR   *szIndex;
    uint32_t ulDensity;
} JET_DDLINDEXDENSITY_W;

typedef struct tagDDLCALLBACKDLL_A
{
    char *szOldDLL;
    char *szNewDLL;
} JET_DDLCALLBACKDLL_A;

typedef struct tagDDLCALLBACKDLL_W
{
    WCHAR *szOldDLL;
    WCHAR *szNewDLL;
} JET_DDLCALLBACKDLL_W;

/* --- JetTracing -------------------------------------------------------- */
typedef enum
{
    JET_tracetagNull,
    JET_tracetagInformation,
    JET_tracetagErrors,
    JET_tracetagAsserts,
    JET_tracetagAPI,
    JET_tracetagInitTerm,
    JET_tracetagBufferManager,
    JET_tracetagBufferManagerHashedLatches,
    JET_tracetagIO,
    JET_tracetagMemory,
    JET_tracetagVersionStore,
    JET_tracetagVersionStoreOOM,
    JET_tracetagVersionCleanup,
    JET_tracetagCatalog,
    JET_tracetagDDLRead,
    JET_tracetagDDLWrite,
    JET_tracetagDMLRead,
    JET_tracetagDMLWrite,
    JET_tracetagDMLConflicts,
    JET_tracetagInstances,
    JET_tracetagDatabases,
    JET_tracetagSessions,
    JET_tracetagCursors,
    JET_tracetagCursorNavigation,
    JET_tracetagCursorPageRefs,
    JET_tracetagBtree,
    JET_tracetagSpace,
    JET_tracetagFCBs,
    JET_tracetagTransactions,
    JET_tracetagLogging,
    JET_tracetagRecovery,
    JET_tracetagBackup,
    JET_tracetagRestore,
    JET_tracetagOLD,
    JET_tracetagEventlog,
#if JET_VERSION >= 0x0601
    JET_tracetagBufferManagerMaintTasks,
    JET_tracetagSpaceManagement,
    JET_tracetagSpaceInternal,
    JET_tracetagIOQueue,
    JET_tracetagDiskVolumeManagement,
#if JET_VERSION >= 0x0602
    JET_tracetagCallbacks,
    JET_tracetagIOProblems,
    JET_tracetagUpgrade,
    JET_tracetagRecoveryValidation,
    JET_tracetagBufferManagerBufferCacheState,
    JET_tracetagBufferManagerBufferDirtyState,
    JET_tracetagTimerQueue,
    JET_tracetagSortPerf,
#if JET_VERSION >= 0x0A00
    JET_tracetagOLDRegistration,
    JET_tracetagOLDWork,
    JET_tracetagSysInitTerm,
#endif
#endif
#endif
    JET_tracetagMax
} JET_TRACETAG;

typedef enum
{
    JET_traceopNull,
    JET_traceopSetGlobal,
    JET_traceopSetTag,
    JET_traceopSetAllTags,
    JET_traceopSetMessagePrefix,
    JET_traceopRegisterTag,
    JET_traceopRegisterAllTags,
    JET_traceopSetEmitCallback,
    JET_traceopSetThreadidFilter,
    JET_traceopSetDbidFilter,
    JET_traceopMax
} JET_TRACEOP;

/* Trace sink installed with JET_traceopSetEmitCallback */
typedef void (JET_API *JET_PFNTRACEEMIT)(
    const JET_TRACETAG tag,
    JET_PCSTR szPrefix,
    JET_PCSTR szTrace,
    const JET_API_PTR ul);

/* Registration callback for JET_traceopRegisterTag / ...AllTags */
typedef void (JET_API *JET_PFNTRACEREGISTER)(
    const JET_TRACETAG tag,
    JET_PCSTR szDesc,
    JET_API_PTR *pul);

/* --- JetSetResourceParam / JetGetResourceParam ------------------------- */
#define JET_resTagSize 4

typedef enum
{
    JET_residNull,
    JET_residFCB,
    JET_residFUCB,
    JET_residTDB,
    JET_residIDB,
    JET_residPIB,
    JET_residSCB,
    JET_residVERBUCKET,
    JET_residPAGE,
    JET_residSPLIT,
    JET_residSPLITPATH,
    JET_residMERGE,
    JET_residMERGEPATH,
    JET_residINST,
    JET_residLOG,
    JET_residKEY,
    JET_residBOOKMARK,
    JET_residLRUKHIST,
    JET_residRBSBuf,
    JET_residTest,
    JET_residMax,
    JET_residAll = 0x0fffffff
} JET_RESID;

typedef enum
{
    JET_resoperNull,
    JET_resoperTag,
    JET_resoperSize,
    JET_resoperAlign,
    JET_resoperMinUse,
    JET_resoperMaxUse,
    JET_resoperObjectsPerChunk,
    JET_resoperCurrentUse,
    JET_resoperChunkSize,
    JET_resoperLookasideEntries,
    JET_resoperRFOLOffset,
    JET_resoperGuard,
    JET_resoperAllocTopDown,
    JET_resoperPreserveFreed,
    JET_resoperAllocFromHeap,
    JET_resoperEnableMaxUse,
    JET_resoperRCIList,
    JET_resoperSectionHeader,
    JET_resoperMax
} JET_RESOPER;

/* narrow / wide names of the structures above */
#ifdef JET_UNICODE
#define JET_DBUTIL                                   JET_DBUTIL_W
#define JET_DDLADDCALLBACK                           JET_DDLADDCALLBACK_W
#define JET_DDLCHANGECOLUMN                          JET_DDLCHANGECOLUMN_W
#define JET_DDLMAXCOLUMNSIZE                         JET_DDLMAXCOLUMNSIZE_W
#define JET_DDLADDCONDITIONALCOLUMNSTOALLINDEXES     JET_DDLADDCONDITIONALCOLUMNSTOALLINDEXES_W
#define JET_DDLADDCOLUMNCALLBACK                     JET_DDLADDCOLUMNCALLBACK_W
#define JET_DDLINDEXDENSITY                          JET_DDLINDEXDENSITY_W
#define JET_DDLCALLBACKDLL                           JET_DDLCALLBACKDLL_W
#else
#define JET_DBUTIL                                   JET_DBUTIL_A
#define JET_DDLADDCALLBACK                           JET_DDLADDCALLBACK_A
#define JET_DDLCHANGECOLUMN                          JET_DDLCHANGECOLUMN_A
#define JET_DDLMAXCOLUMNSIZE                         JET_DDLMAXCOLUMNSIZE_A
#define JET_DDLADDCONDITIONALCOLUMNSTOALLINDEXES     JET_DDLADDCONDITIONALCOLUMNSTOALLINDEXES_A
#define JET_DDLADDCOLUMNCALLBACK                     JET_DDLADDCOLUMNCALLBACK_A
#define JET_DDLINDEXDENSITY                          JET_DDLINDEXDENSITY_A
#define JET_DDLCALLBACKDLL                           JET_DDLCALLBACKDLL_A
#endif

/* --- functions exported by esent.dll but not in the SDK header -------- */
/* JetTest and JetEnableFaultInjection: their signatures are not published */
/* anywhere; see the comments at their declarations.                        */

/* JET_RESOPER and JET_RESID are C enums (32 bits). */
JET_ERR JET_API JetSetResourceParam(
    JET_INSTANCE instance,
    JET_RESOPER resoper,
    JET_RESID resid,
    JET_API_PTR ulParam);

JET_ERR JET_API JetGetResourceParam(
    JET_INSTANCE instance,
    JET_RESOPER resoper,
    JET_RESID resid,
    JET_API_PTR *pulParam);

JET_ERR JET_API JetResetCounter(
    JET_SESID sesid,
    int32_t CounterType);

JET_ERR JET_API JetGetCounter(
    JET_SESID sesid,
    int32_t CounterType,
    int32_t *plValue);

JET_ERR JET_API JetGetSessionInfo(
    JET_SESID sesid,
    void *pvResult,
    const uint32_t cbMax,
    const uint32_t ulInfoLevel);

JET_ERR JET_API JetPrepareToCommitTransaction(
    JET_SESID sesid,
    const void *pvData,
    uint32_t cbData,
    JET_GRBIT grbit);

JET_ERR JET_API JetGetLogFileInfoA(
    JET_PCSTR szLog,
    void *pvResult,
    const uint32_t cbMax,
    const uint32_t InfoLevel);

JET_ERR JET_API JetGetLogFileInfoW(
    JET_PCWSTR szLog,
    void *pvResult,
    const uint32_t cbMax,
    const uint32_t InfoLevel);

#ifdef JET_UNICODE
#define JetGetLogFileInfo JetGetLogFileInfoW
#else
#define JetGetLogFileInfo JetGetLogFileInfoA
#endif

JET_ERR JET_API JetRetrieveTaggedColumnList(
    JET_SESID sesid,
    JET_TABLEID tableid,
    uint32_t *pcColumns,
    void *pvData,
    uint32_t cbData,
    JET_COLUMNID columnidStart,
    JET_GRBIT grbit);

JET_ERR JET_API JetDatabaseScan(
    JET_SESID sesid,
    JET_DBID dbid,
    uint32_t *pcSecondsMax,
    uint32_t cmsecSleep,
    JET_CALLBACK pfnCallback,
    JET_GRBIT grbit);

JET_ERR JET_API JetConvertDDLA(
    JET_SESID sesid,
    JET_DBID dbid,
    JET_OPDDLCONV convtyp,
    void *pvData,
    uint32_t cbData);

JET_ERR JET_API JetConvertDDLW(
    JET_SESID sesid,
    JET_DBID dbid,
    JET_OPDDLCONV convtyp,
    void *pvData,
    uint32_t cbData);

#ifdef JET_UNICODE
#define JetConvertDDL JetConvertDDLW
#else
#define JetConvertDDL JetConvertDDLA
#endif

JET_ERR JET_API JetUpgradeDatabaseA(
    JET_SESID sesid,
    JET_PCSTR szDbFileName,
    JET_PCSTR szSLVFileName,
    const JET_GRBIT grbit);

JET_ERR JET_API JetUpgradeDatabaseW(
    JET_SESID sesid,
    JET_PCWSTR szDbFileName,
    JET_PCWSTR szSLVFileName,
    const JET_GRBIT grbit);

#ifdef JET_UNICODE
#define JetUpgradeDatabase JetUpgradeDatabaseW
#else
#define JetUpgradeDatabase JetUpgradeDatabaseA
#endif

JET_ERR JET_API JetSetMaxDatabaseSize(
    JET_SESID sesid,
    JET_DBID dbid,
    uint32_t cpg,
    JET_GRBIT grbit);

JET_ERR JET_API JetGetMaxDatabaseSize(
    JET_SESID sesid,
    JET_DBID dbid,
    uint32_t *pcpg,
    JET_GRBIT grbit);

JET_ERR JET_API JetDBUtilitiesA(
    JET_DBUTIL_A *pdbutil);

JET_ERR JET_API JetDBUtilitiesW(
    JET_DBUTIL_W *pdbutil);

#ifdef JET_UNICODE
#define JetDBUtilities JetDBUtilitiesW
#else
#define JetDBUtilities JetDBUtilitiesA
#endif

JET_ERR JET_API JetIndexRecordCount2(
    JET_SESID sesid,
    JET_TABLEID tableid,
    uint64_t *pcrec,
    uint64_t crecMax);

JET_ERR JET_API JetBeginSurrogateBackup(
    JET_INSTANCE instance,
    uint32_t lgenFirst,
    uint32_t lgenLast,
    JET_GRBIT grbit);

/* Includes the 64-bit ibRead argument (36 bytes of arguments on x86);
 * MinGW's import library decorates an older 28-byte form. */
JET_ERR JET_API JetOpenFileSectionInstanceA(
    JET_INSTANCE instance,
    JET_PSTR szFile,
    JET_HANDLE *phFile,
    int32_t iSection,
    int32_t cSections,
    uint64_t ibRead,
    uint32_t *pulSectionSizeLow,
    int32_t *plSectionSizeHigh);

JET_ERR JET_API JetOpenFileSectionInstanceW(
    JET_INSTANCE instance,
    JET_PWSTR szFile,
    JET_HANDLE *phFile,
    int32_t iSection,
    int32_t cSections,
    uint64_t ibRead,
    uint32_t *pulSectionSizeLow,
    int32_t *plSectionSizeHigh);

#ifdef JET_UNICODE
#define JetOpenFileSectionInstance JetOpenFileSectionInstanceW
#else
#define JetOpenFileSectionInstance JetOpenFileSectionInstanceA
#endif

JET_ERR JET_API JetEndSurrogateBackup(
    JET_INSTANCE instance,
    JET_GRBIT grbit);

JET_ERR JET_API JetSnapshotStartA(
    JET_INSTANCE instance,
    JET_PSTR szDatabases,
    JET_GRBIT grbit);

JET_ERR JET_API JetSnapshotStartW(
    JET_INSTANCE instance,
    JET_PWSTR szDatabases,
    JET_GRBIT grbit);

#ifdef JET_UNICODE
#define JetSnapshotStart JetSnapshotStartW
#else
#define JetSnapshotStart JetSnapshotStartA
#endif

JET_ERR JET_API JetSnapshotStop(
    JET_INSTANCE instance,
    JET_GRBIT grbit);

/* JET_TRACEOP and JET_TRACETAG are C enums (32 bits). */
JET_ERR JET_API JetTracing(
    const JET_TRACEOP traceop,
    const JET_TRACETAG tracetag,
    const JET_API_PTR ul);

JET_ERR JET_API JetGetPageInfo(
    void *const pvPages,
    uint32_t cbData,
    JET_PAGEINFO *rgPageInfo,
    uint32_t cbPageInfo,
    JET_GRBIT grbit,
    uint32_t ulInfoLevel);

JET_ERR JET_API JetGetPageInfo2(
    void *const pvPages,
    uint32_t cbData,
    void *const rgPageInfo,
    uint32_t cbPageInfo,
    JET_GRBIT grbit,
    uint32_t ulInfoLevel);

/* 8 arguments (32 bytes on x86) as in the current engine sources;
 * MinGW's import library decorates an older 28-byte form. */
JET_ERR JET_API JetGetDatabasePages(
    JET_SESID sesid,
    JET_DBID dbid,
    uint32_t pgnoStart,
    uint32_t cpg,
    void *pv,
    uint32_t cb,
    uint32_t *pcbActual,
    JET_GRBIT grbit);

JET_ERR JET_API JetRemoveLogfileA(
    JET_PCSTR szDatabase,
    JET_PCSTR szLogfile,
    JET_GRBIT grbit);

JET_ERR JET_API JetRemoveLogfileW(
    JET_PCWSTR wszDatabase,
    JET_PCWSTR wszLogfile,
    JET_GRBIT grbit);

#ifdef JET_UNICODE
#define JetRemoveLogfile JetRemoveLogfileW
#else
#define JetRemoveLogfile JetRemoveLogfileA
#endif

JET_ERR JET_API JetBeginDatabaseIncrementalReseedA(
    JET_INSTANCE instance,
    JET_PCSTR szDatabase,
    uint32_t genFirstDivergedLog,
    JET_GRBIT grbit);

JET_ERR JET_API JetBeginDatabaseIncrementalReseedW(
    JET_INSTANCE instance,
    JET_PCWSTR szDatabase,
    uint32_t genFirstDivergedLog,
    JET_GRBIT grbit);

#ifdef JET_UNICODE
#define JetBeginDatabaseIncrementalReseed JetBeginDatabaseIncrementalReseedW
#else
#define JetBeginDatabaseIncrementalReseed JetBeginDatabaseIncrementalReseedA
#endif

JET_ERR JET_API JetEndDatabaseIncrementalReseedA(
    JET_INSTANCE instance,
    JET_PCSTR szDatabase,
    uint32_t genMinRequired,
    uint32_t genFirstDivergedLog,
    uint32_t genMaxRequired,
    JET_GRBIT grbit);

JET_ERR JET_API JetEndDatabaseIncrementalReseedW(
    JET_INSTANCE instance,
    JET_PCWSTR szDatabase,
    uint32_t genMinRequired,
    uint32_t genFirstDivergedLog,
    uint32_t genMaxRequired,
    JET_GRBIT grbit);

#ifdef JET_UNICODE
#define JetEndDatabaseIncrementalReseed JetEndDatabaseIncrementalReseedW
#else
#define JetEndDatabaseIncrementalReseed JetEndDatabaseIncrementalReseedA
#endif

JET_ERR JET_API JetPatchDatabasePagesA(
    JET_INSTANCE instance,
    JET_PCSTR szDatabase,
    uint32_t pgnoStart,
    uint32_t cpg,
    const void *pv,
    uint32_t cb,
    JET_GRBIT grbit);

JET_ERR JET_API JetPatchDatabasePagesW(
    JET_INSTANCE instance,
    JET_PCWSTR szDatabase,
    uint32_t pgnoStart,
    uint32_t cpg,
    const void *pv,
    uint32_t cb,
    JET_GRBIT grbit);

#ifdef JET_UNICODE
#define JetPatchDatabasePages JetPatchDatabasePagesW
#else
#define JetPatchDatabasePages JetPatchDatabasePagesA
#endif

JET_ERR JET_API JetAttachDatabaseWithStreamingA(
    JET_SESID sesid,
    const char *szDbFileName,
    const char *szSLVFileName,
    const char *szSLVRootName,
    const uint32_t cpgDatabaseSizeMax,
    JET_GRBIT grbit);

JET_ERR JET_API JetAttachDatabaseWithStreamingW(
    JET_SESID sesid,
    const WCHAR *wszDbFileName,
    const WCHAR *wszSLVFileName,
    const WCHAR *wszSLVRootName,
    const uint32_t cpgDatabaseSizeMax,
    JET_GRBIT grbit);

#ifdef JET_UNICODE
#define JetAttachDatabaseWithStreaming JetAttachDatabaseWithStreamingW
#else
#define JetAttachDatabaseWithStreaming JetAttachDatabaseWithStreamingA
#endif

JET_ERR JET_API JetCreateDatabaseWithStreamingA(
    JET_SESID sesid,
    const char *szDbFileName,
    const char *szSLVFileName,
    const char *szSLVRootName,
    const uint32_t cpgDatabaseSizeMax,
    JET_DBID *pdbid,
    JET_GRBIT grbit);

JET_ERR JET_API JetCreateDatabaseWithStreamingW(
    JET_SESID sesid,
    const WCHAR *wszDbFileName,
    const WCHAR *wszSLVFileName,
    const WCHAR *wszSLVRootName,
    const uint32_t cpgDatabaseSizeMax,
    JET_DBID *pdbid,
    JET_GRBIT grbit);

#ifdef JET_UNICODE
#define JetCreateDatabaseWithStreaming JetCreateDatabaseWithStreamingW
#else
#define JetCreateDatabaseWithStreaming JetCreateDatabaseWithStreamingA
#endif

/* Test hook of the engine.  Its signature is not published; this
 * follows the engine's JetTestHook (an opcode, then an opcode-specific
 * pointer). */
JET_ERR JET_API JetTest(
    uint32_t opcode,
    void *pv);

/* Fault injection for tests.  Its signature is not published; this is a
 * best guess (fault id, error to return, probability, options) and
 * should be treated as unverified. */
JET_ERR JET_API JetEnableFaultInjection(
    uint32_t ulID,
    JET_ERR err,
    uint32_t ulProbability,
    JET_GRBIT grbit);

#pragma pack(pop)

#ifdef __cplusplus
}   /* extern "C" */
#endif

#endif /* _JET_INCLUDED */
