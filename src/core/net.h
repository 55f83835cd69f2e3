/* net.h — IP address lists ("127.0.0.1/32, ::1, 10.0.0.0/8"). */
#ifndef DM_NET_H
#define DM_NET_H

/* 1 when ip (text, v4 or v6) falls in any CIDR of the comma-separated list
 * (a bare address means /32 or /128). Malformed entries never match. */
int net_ip_in_list(const char *ip, const char *list);
/* 0 when every entry of the list parses, else -1 (for config validation). */
int net_list_valid(const char *list);

#endif
