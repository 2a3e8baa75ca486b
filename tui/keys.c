/* The key table and key names. */
#include "tui/keys.h"

#include <curses.h>
#include <string.h>

#define CTRL(c) ((c) & 0x1f)

const pv_keybind pv_keytable[] = {
    {'j', PV_REQ_MOVE_DOWN},      {KEY_DOWN, PV_REQ_MOVE_DOWN},
    {'k', PV_REQ_MOVE_UP},        {KEY_UP, PV_REQ_MOVE_UP},
    {KEY_NPAGE, PV_REQ_PAGE_DOWN}, {CTRL('f'), PV_REQ_PAGE_DOWN}, {' ', PV_REQ_PAGE_DOWN},
    {KEY_PPAGE, PV_REQ_PAGE_UP},  {CTRL('b'), PV_REQ_PAGE_UP},
    {'g', PV_REQ_MOVE_FIRST},     {KEY_HOME, PV_REQ_MOVE_FIRST},
    {'G', PV_REQ_MOVE_LAST},      {KEY_END, PV_REQ_MOVE_LAST},
    {'\n', PV_REQ_ENTER},         {KEY_ENTER, PV_REQ_ENTER},      {KEY_RIGHT, PV_REQ_ENTER},
    {27, PV_REQ_BACK},            {KEY_LEFT, PV_REQ_BACK},        {KEY_BACKSPACE, PV_REQ_BACK},
    {'l', PV_REQ_LIST},           {'H', PV_REQ_HOT_FIRST},        {'\t', PV_REQ_HOT_NEXT},
    {']', PV_REQ_ROUTINE_NEXT},   {'[', PV_REQ_ROUTINE_PREV},     {'a', PV_REQ_ASM},
    {'e', PV_REQ_EXPAND},
    {'?', PV_REQ_HELP},           {KEY_F(1), PV_REQ_HELP},
    {'s', PV_REQ_SORT},           {'F', PV_REQ_FLAME},
    {'/', PV_REQ_SEARCH},         {'n', PV_REQ_SEARCH_NEXT},      {'N', PV_REQ_SEARCH_PREV},
    {'f', PV_REQ_FOCUS},          {'i', PV_REQ_IGNORE},           {'h', PV_REQ_HIDE},
    {'u', PV_REQ_UNDO},           {'R', PV_REQ_RESET},
    {'t', PV_REQ_SAMPLE_NEXT},    {'T', PV_REQ_SAMPLE_PREV},
    {'d', PV_REQ_GRAN_NEXT},      {'D', PV_REQ_GRAN_PREV},
    {'I', PV_REQ_NOINLINES},       {'w', PV_REQ_NAME},            {'#', PV_REQ_FIND_NAME}, {'P', PV_REQ_SAVE},
    {'p', PV_REQ_LIVE_PAUSE},      {'c', PV_REQ_LIVE_DIFF},
    {'}', PV_REQ_BLOCK_NEXT},     {'{', PV_REQ_BLOCK_PREV},       {'!', PV_REQ_TAG_IGNORE},
    {':', PV_REQ_PROMPT},         {CTRL('l'), PV_REQ_REDRAW},
    {'q', PV_REQ_QUIT},
};
const size_t pv_nkeys = sizeof pv_keytable / sizeof pv_keytable[0];

static const struct {
    const char *name, *section, *help;
} requests[PV_REQ_COUNT] = {
    [PV_REQ_NONE] = {"none", "", ""},
#define PV_REQ_INFO(id, name, section, help) [PV_REQ_##id] = {name, section, help},
    PV_REQUESTS(PV_REQ_INFO)
#undef PV_REQ_INFO
};

const char *pv_request_name(pv_request r) { return r < PV_REQ_COUNT ? requests[r].name : "none"; }
const char *pv_request_section(pv_request r) { return r < PV_REQ_COUNT ? requests[r].section : ""; }
const char *pv_request_help(pv_request r) { return r < PV_REQ_COUNT ? requests[r].help : ""; }

pv_request pv_key_request(int key)
{
    for (size_t i = 0; i < pv_nkeys; i++)
        if (pv_keytable[i].key == key) return pv_keytable[i].req;
    return PV_REQ_NONE;
}

static const struct {
    int key;
    const char *name;
} key_names[] = {
    {KEY_DOWN, "Down"},   {KEY_UP, "Up"},       {KEY_LEFT, "Left"},   {KEY_RIGHT, "Right"},
    {KEY_NPAGE, "PgDn"},  {KEY_PPAGE, "PgUp"},  {KEY_HOME, "Home"},   {KEY_END, "End"},
    {'\n', "Enter"},      {KEY_ENTER, "KPEnter"}, {27, "Esc"},        {KEY_BACKSPACE, "Backspace"},
    {' ', "Space"},       {'\t', "Tab"},        {KEY_BTAB, "S-Tab"},  {KEY_DC, "Delete"},
    {127, "DEL"},         {'<', "lt"},          {'>', "gt"},          {KEY_RESIZE, "Resize"},
};

void pv_key_name(int key, char *out, size_t len)
{
    for (size_t i = 0; i < sizeof key_names / sizeof key_names[0]; i++)
        if (key_names[i].key == key) {
            snprintf(out, len, "%s", key_names[i].name);
            return;
        }
    if (key >= KEY_F(1) && key <= KEY_F(12)) snprintf(out, len, "F%d", key - KEY_F(0));
    else if (key > 0 && key < 32) snprintf(out, len, "C-%c", key + 'a' - 1);
    else if (key > 32 && key < 127) snprintf(out, len, "%c", key);
    else snprintf(out, len, "key%d", key);
}

int pv_key_parse(const char *name)
{
    for (size_t i = 0; i < sizeof key_names / sizeof key_names[0]; i++)
        if (!strcmp(key_names[i].name, name)) return key_names[i].key;
    if (name[0] == 'F' && name[1] >= '1' && name[1] <= '9') {
        int n = name[1] - '0';
        if (name[2] >= '0' && name[2] <= '2' && !name[3]) n = n * 10 + name[2] - '0';
        else if (name[2]) return -1;
        return n <= 12 ? KEY_F(n) : -1;
    }
    if (name[0] == 'C' && name[1] == '-' && name[2] >= 'a' && name[2] <= 'z' && !name[3])
        return CTRL(name[2]);
    if (name[0] && !name[1]) return (unsigned char)name[0];
    return -1;
}

void pv_request_keys(pv_request r, char *out, size_t len)
{
    size_t n = 0;
    out[0] = 0;
    for (size_t i = 0; i < pv_nkeys && n < len; i++) {
        if (pv_keytable[i].req != r) continue;
        char name[32];
        pv_key_name(pv_keytable[i].key, name, sizeof name);
        if (!strcmp(name, "lt")) snprintf(name, sizeof name, "<");
        if (!strcmp(name, "gt")) snprintf(name, sizeof name, ">");
        n += (size_t)snprintf(out + n, len - n, "%s%s", n ? ", " : "", name);
    }
}

/* roff needs backslashes doubled and a leading dot or quote escaped */
static void roff(FILE *out, const char *s)
{
    if (*s == '.' || *s == '\'') fputs("\\&", out);
    for (; *s; s++) {
        if (*s == '\\') fputs("\\e", out);
        else if (*s == '-') fputs("\\-", out);
        else fputc(*s, out);
    }
}

void pv_keytable_man(FILE *out)
{
    const char *section = "";
    fputs(".\\\" Generated from the key table in tui/keys.c (pview-keytable); do not edit.\n", out);
    for (int r = 1; r < PV_REQ_COUNT; r++) {
        char keys[128];
        pv_request_keys((pv_request)r, keys, sizeof keys);
        if (!keys[0]) continue;
        if (strcmp(section, pv_request_section((pv_request)r))) {
            section = pv_request_section((pv_request)r);
            fputs(".SS ", out);
            roff(out, section);
            fputc('\n', out);
        }
        fputs(".TP\n.B ", out);
        roff(out, keys);
        fputc('\n', out);
        roff(out, pv_request_help((pv_request)r));
        fputc('\n', out);
    }
}
