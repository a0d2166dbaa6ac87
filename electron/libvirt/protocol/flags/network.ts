/** Network, node-device and host-interface enums and flag bits. */

/** virConnectListAllNetworksFlags (0 = all networks). */
export const NetworkListFlags = {
  INACTIVE: 1,
  ACTIVE: 2,
  PERSISTENT: 4,
  TRANSIENT: 8,
  AUTOSTART: 16,
  NO_AUTOSTART: 32,
} as const;

/** virNetworkXMLFlags */
export const NetworkXmlFlags = { INACTIVE: 1 } as const;

/** virNetworkDefineFlags / virNetworkCreateFlags (7.7+). */
export const NetworkDefineFlags = { VALIDATE: 1 } as const;
export const NetworkCreateFlags = { VALIDATE: 1 } as const;

/** virNetworkUpdateCommand */
export const NetworkUpdateCommand = { NONE: 0, MODIFY: 1, DELETE: 2, ADD_LAST: 3, ADD_FIRST: 4 } as const;

/** virNetworkUpdateSection */
export const NetworkUpdateSection = {
  NONE: 0,
  BRIDGE: 1,
  DOMAIN: 2,
  IP: 3,
  IP_DHCP_HOST: 4,
  IP_DHCP_RANGE: 5,
  FORWARD: 6,
  FORWARD_INTERFACE: 7,
  FORWARD_PF: 8,
  PORTGROUP: 9,
  DNS_HOST: 10,
  DNS_TXT: 11,
  DNS_SRV: 12,
} as const;

/** virNetworkUpdateFlags */
export const NetworkUpdateFlags = { AFFECT_CURRENT: 0, AFFECT_LIVE: 1, AFFECT_CONFIG: 2 } as const;

/** virConnectListAllNodeDeviceFlags (capability bits, then state filters; PERSISTENT/TRANSIENT need a recent daemon). */
export const NodeDeviceListFlags = {
  CAP_SYSTEM: 1,
  CAP_PCI_DEV: 2,
  CAP_USB_DEV: 4,
  CAP_USB_INTERFACE: 8,
  CAP_NET: 16,
  CAP_SCSI_HOST: 32,
  CAP_SCSI_TARGET: 64,
  CAP_SCSI: 128,
  CAP_STORAGE: 256,
  CAP_FC_HOST: 512,
  CAP_VPORTS: 1024,
  CAP_SCSI_GENERIC: 2048,
  CAP_DRM: 4096,
  CAP_MDEV_TYPES: 8192,
  CAP_MDEV: 16384,
  CAP_CCW_DEV: 32768,
  CAP_CSS_DEV: 65536,
  CAP_VDPA: 131072,
  CAP_AP_CARD: 262144,
  CAP_AP_QUEUE: 524288,
  CAP_AP_MATRIX: 1048576,
  CAP_VPD: 2097152,
  PERSISTENT: 0x10000000,
  TRANSIENT: 0x20000000,
  INACTIVE: 0x40000000,
  ACTIVE: 0x80000000,
} as const;

/** virConnectListAllInterfacesFlags */
export const InterfaceListFlags = { INACTIVE: 1, ACTIVE: 2 } as const;

/** virInterfaceXMLFlags */
export const InterfaceXmlFlags = { INACTIVE: 1 } as const;

/** virConnectGetDomainCapabilitiesFlags */
export const DomainCapabilitiesFlags = { DISABLE_DEPRECATED_FEATURES: 1 } as const;
