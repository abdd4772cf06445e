package io.peeros.vpn.internal.tap;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Constants, struct sizes and offsets of the Linux x86_64/aarch64 ABI used by this package. Every value is
 * checked against the kernel and libc headers by {@code LayoutTest}, which compiles a C program with gcc.
 */
public final class Layout {
    // <fcntl.h>, <poll.h>, <errno.h>
    static final int O_RDWR = 2, O_NONBLOCK = 0x800, O_CLOEXEC = 0x80000;
    static final short POLLIN = 1;
    static final int EAGAIN = 11, EINTR = 4, EIO = 5;
    static final int POLLFD_SIZE = 8, POLLFD_EVENTS = 4;

    // <linux/if_tun.h>, <net/if.h>
    static final long TUNSETIFF = 0x400454caL, TUNSETOFFLOAD = 0x400454d0L, TUNSETVNETHDRSZ = 0x400454d8L;
    static final short IFF_TAP = 0x0002, IFF_NO_PI = 0x1000, IFF_VNET_HDR = 0x4000, IFF_MULTI_QUEUE = 0x0100;
    static final int TUN_F_CSUM = 0x01, TUN_F_TSO4 = 0x02, TUN_F_TSO6 = 0x04;
    static final int IFNAMSIZ = 16, IFREQ_SIZE = 40, IFREQ_FLAGS = 16;

    // <linux/virtio_net.h>: struct virtio_net_hdr
    /** sizeof(struct virtio_net_hdr). */
    public static final int VNET_HDR = 10;
    public static final int VNET_FLAGS = 0, VNET_GSO_TYPE = 1, VNET_HDR_LEN = 2, VNET_GSO_SIZE = 4;
    public static final int VNET_CSUM_START = 6, VNET_CSUM_OFFSET = 8;
    public static final int VNET_F_NEEDS_CSUM = 1, VNET_F_DATA_VALID = 2;
    public static final int VNET_GSO_NONE = 0, VNET_GSO_TCPV4 = 1, VNET_GSO_TCPV6 = 4, VNET_GSO_ECN = 0x80;

    // <sys/socket.h>, <netinet/in.h>, <netinet/udp.h>
    static final int AF_INET = 2, SOCK_DGRAM = 2, SOCK_CLOEXEC = 0x80000;
    static final int SOL_SOCKET = 1, SO_SNDBUF = 7, SO_RCVBUF = 8, SO_SNDBUFFORCE = 32, SO_RCVBUFFORCE = 33, SO_RCVTIMEO = 20;
    static final int SOL_UDP = 17, UDP_SEGMENT = 103, UDP_GRO = 104;
    static final int SOL_IP = 0, IP_TTL = 2;
    static final int EADDRINUSE = 98, EBADF = 9;
    static final int MSG_DONTWAIT = 0x40, MSG_WAITFORONE = 0x10000;
    static final int SOCKADDR_IN_SIZE = 16, SIN_PORT = 2, SIN_ADDR = 4;
    static final int IOVEC_SIZE = 16, IOV_LEN = 8;
    static final int MSGHDR_SIZE = 56, MSG_NAMELEN = 8, MSG_IOV = 16, MSG_IOVLEN = 24, MSG_CONTROL = 32;
    static final int MSG_CONTROLLEN = 40, MSG_FLAGS = 48;
    static final int MMSGHDR_SIZE = 64, MMSG_LEN = 56;
    static final int CMSG_LEVEL = 8, CMSG_TYPE = 12, CMSG_DATA = 16;
    /** CMSG_LEN(sizeof(uint16_t)) and CMSG_SPACE(sizeof(int)). */
    static final int CMSG_LEN_U16 = 18, CMSG_SPACE_INT = 24, CMSG_LEN_INT = 20;
    static final int TIMEVAL_SIZE = 16;

    private Layout() {
    }

    /** Every value above by its C expression, for the layout test. */
    public static Map<String, Long> all() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("O_RDWR", (long) O_RDWR);
        m.put("O_NONBLOCK", (long) O_NONBLOCK);
        m.put("O_CLOEXEC", (long) O_CLOEXEC);
        m.put("POLLIN", (long) POLLIN);
        m.put("EAGAIN", (long) EAGAIN);
        m.put("EINTR", (long) EINTR);
        m.put("EIO", (long) EIO);
        m.put("sizeof(struct pollfd)", (long) POLLFD_SIZE);
        m.put("offsetof(struct pollfd, events)", (long) POLLFD_EVENTS);
        m.put("TUNSETIFF", TUNSETIFF);
        m.put("TUNSETOFFLOAD", TUNSETOFFLOAD);
        m.put("TUNSETVNETHDRSZ", TUNSETVNETHDRSZ);
        m.put("IFF_TAP", (long) IFF_TAP);
        m.put("IFF_NO_PI", (long) IFF_NO_PI);
        m.put("IFF_VNET_HDR", (long) IFF_VNET_HDR);
        m.put("IFF_MULTI_QUEUE", (long) IFF_MULTI_QUEUE);
        m.put("TUN_F_CSUM", (long) TUN_F_CSUM);
        m.put("TUN_F_TSO4", (long) TUN_F_TSO4);
        m.put("TUN_F_TSO6", (long) TUN_F_TSO6);
        m.put("IFNAMSIZ", (long) IFNAMSIZ);
        m.put("sizeof(struct ifreq)", (long) IFREQ_SIZE);
        m.put("offsetof(struct ifreq, ifr_flags)", (long) IFREQ_FLAGS);
        m.put("sizeof(struct virtio_net_hdr)", (long) VNET_HDR);
        m.put("offsetof(struct virtio_net_hdr, flags)", (long) VNET_FLAGS);
        m.put("offsetof(struct virtio_net_hdr, gso_type)", (long) VNET_GSO_TYPE);
        m.put("offsetof(struct virtio_net_hdr, hdr_len)", (long) VNET_HDR_LEN);
        m.put("offsetof(struct virtio_net_hdr, gso_size)", (long) VNET_GSO_SIZE);
        m.put("offsetof(struct virtio_net_hdr, csum_start)", (long) VNET_CSUM_START);
        m.put("offsetof(struct virtio_net_hdr, csum_offset)", (long) VNET_CSUM_OFFSET);
        m.put("VIRTIO_NET_HDR_F_NEEDS_CSUM", (long) VNET_F_NEEDS_CSUM);
        m.put("VIRTIO_NET_HDR_F_DATA_VALID", (long) VNET_F_DATA_VALID);
        m.put("VIRTIO_NET_HDR_GSO_NONE", (long) VNET_GSO_NONE);
        m.put("VIRTIO_NET_HDR_GSO_TCPV4", (long) VNET_GSO_TCPV4);
        m.put("VIRTIO_NET_HDR_GSO_TCPV6", (long) VNET_GSO_TCPV6);
        m.put("VIRTIO_NET_HDR_GSO_ECN", (long) VNET_GSO_ECN);
        m.put("AF_INET", (long) AF_INET);
        m.put("SOCK_DGRAM", (long) SOCK_DGRAM);
        m.put("SOCK_CLOEXEC", (long) SOCK_CLOEXEC);
        m.put("SOL_SOCKET", (long) SOL_SOCKET);
        m.put("SO_SNDBUF", (long) SO_SNDBUF);
        m.put("SO_RCVBUF", (long) SO_RCVBUF);
        m.put("SO_SNDBUFFORCE", (long) SO_SNDBUFFORCE);
        m.put("SO_RCVBUFFORCE", (long) SO_RCVBUFFORCE);
        m.put("SO_RCVTIMEO", (long) SO_RCVTIMEO);
        m.put("SOL_UDP", (long) SOL_UDP);
        m.put("UDP_SEGMENT", (long) UDP_SEGMENT);
        m.put("UDP_GRO", (long) UDP_GRO);
        m.put("SOL_IP", (long) SOL_IP);
        m.put("IP_TTL", (long) IP_TTL);
        m.put("EADDRINUSE", (long) EADDRINUSE);
        m.put("EBADF", (long) EBADF);
        m.put("MSG_DONTWAIT", (long) MSG_DONTWAIT);
        m.put("MSG_WAITFORONE", (long) MSG_WAITFORONE);
        m.put("sizeof(struct sockaddr_in)", (long) SOCKADDR_IN_SIZE);
        m.put("offsetof(struct sockaddr_in, sin_port)", (long) SIN_PORT);
        m.put("offsetof(struct sockaddr_in, sin_addr)", (long) SIN_ADDR);
        m.put("sizeof(struct iovec)", (long) IOVEC_SIZE);
        m.put("offsetof(struct iovec, iov_len)", (long) IOV_LEN);
        m.put("sizeof(struct msghdr)", (long) MSGHDR_SIZE);
        m.put("offsetof(struct msghdr, msg_namelen)", (long) MSG_NAMELEN);
        m.put("offsetof(struct msghdr, msg_iov)", (long) MSG_IOV);
        m.put("offsetof(struct msghdr, msg_iovlen)", (long) MSG_IOVLEN);
        m.put("offsetof(struct msghdr, msg_control)", (long) MSG_CONTROL);
        m.put("offsetof(struct msghdr, msg_controllen)", (long) MSG_CONTROLLEN);
        m.put("offsetof(struct msghdr, msg_flags)", (long) MSG_FLAGS);
        m.put("sizeof(struct mmsghdr)", (long) MMSGHDR_SIZE);
        m.put("offsetof(struct mmsghdr, msg_len)", (long) MMSG_LEN);
        m.put("offsetof(struct cmsghdr, cmsg_level)", (long) CMSG_LEVEL);
        m.put("offsetof(struct cmsghdr, cmsg_type)", (long) CMSG_TYPE);
        m.put("CMSG_LEN(sizeof(uint16_t))", (long) CMSG_LEN_U16);
        m.put("CMSG_LEN(sizeof(int))", (long) CMSG_LEN_INT);
        m.put("CMSG_SPACE(sizeof(int))", (long) CMSG_SPACE_INT);
        m.put("CMSG_DATA_OFFSET", (long) CMSG_DATA);
        m.put("sizeof(struct timeval)", (long) TIMEVAL_SIZE);
        return m;
    }
}
