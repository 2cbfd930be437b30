'use strict';
// Image catalogs: reading one back through DescribeImages, sorting it by what the export rules say,
// and making a fresh random one the emulator has never seen.

const crypto = require('node:crypto');

const MAX_DISK_GIB = 500;
const MAX_DATA_DISKS = 5;

async function describeAll(client) {
  const images = [];
  let total;
  for (let offset = 0, page = 0; page < 100; page++, offset += 100) {
    const response = await client.DescribeImages({ Offset: offset, Limit: 100 });
    total = response.TotalCount;
    images.push(...response.ImageSet);
    if (response.ImageSet.length === 0 || images.length >= total) break;
  }
  return { images, total };
}

const isWindows = (image) => /windows/i.test(image.Platform || '') || /windows/i.test(image.OsName || '');
const systemDisk = (image) => image.SnapshotSet.find((s) => s.DiskUsage === 'SYSTEM_DISK');
const dataDisks = (image) => image.SnapshotSet.filter((s) => s.DiskUsage === 'DATA_DISK');
const isCustomAndReady = (image) => image.ImageType === 'PRIVATE_IMAGE' && image.ImageState === 'NORMAL';
const hasDiskOverLimit = (image) => image.SnapshotSet.some((s) => s.DiskSize > MAX_DISK_GIB);

/** Sorts images by the export guide's rules; each entry is the list of images of that kind. */
function classify(images) {
  const custom = images.filter((i) => isCustomAndReady(i) && Array.isArray(i.SnapshotSet) && systemDisk(i));
  return {
    exportable: custom.filter((i) => !isWindows(i) && !hasDiskOverLimit(i) && dataDisks(i).length <= MAX_DATA_DISKS),
    windows: custom.filter((i) => isWindows(i)),
    diskTooLarge: custom.filter((i) => !isWindows(i) && hasDiskOverLimit(i)),
    tooManyDataDisks: custom.filter(
      (i) => !isWindows(i) && !hasDiskOverLimit(i) && dataDisks(i).length > MAX_DATA_DISKS),
    public: images.filter((i) => i.ImageType === 'PUBLIC_IMAGE'),
    shared: images.filter((i) => i.ImageType === 'SHARED_IMAGE'),
    notReady: images.filter((i) => i.ImageType === 'PRIVATE_IMAGE' && i.ImageState !== 'NORMAL'),
  };
}

// Tencent's ids: a prefix and eight lower-case letters or digits.
function randomId(prefix) {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = crypto.randomBytes(8);
  return `${prefix}-${[...bytes].map((b) => alphabet[b % alphabet.length]).join('')}`;
}

const randomInt = (min, max) => min + crypto.randomInt(max - min + 1);
const pick = (list) => list[crypto.randomInt(list.length)];

const LINUX = [
  { Platform: 'CentOS', OsName: 'CentOS 7.9 64位' },
  { Platform: 'Ubuntu', OsName: 'Ubuntu Server 22.04 LTS 64位' },
  { Platform: 'Debian', OsName: 'Debian 12.0 64位' },
  { Platform: 'TencentOS', OsName: 'TencentOS Server 3.1 (TK4)' },
];
const WINDOWS = { Platform: 'Windows', OsName: 'Windows Server 2019 数据中心版 64位中文版' };

// Tags in DescribeImages' shape ({Key, Value}); schedules pick images by them (tag:<key>, tag-key, tag-value filters).
const TAG_SETS = [
  [],
  [{ Key: 'backup', Value: 'weekly' }],
  [{ Key: 'backup', Value: 'daily' }],
  [{ Key: 'team', Value: 'web' }, { Key: 'backup', Value: 'weekly' }],
  [{ Key: 'cadence', Value: 'weekly' }],
];

function image({ os, type = 'PRIVATE_IMAGE', state = 'NORMAL', systemGib, dataGib = [], tag, tags = pick(TAG_SETS) }) {
  const name = `${tag}-${randomId('n').slice(2)}`;
  return {
    ImageId: randomId('img'),
    OsName: os.OsName,
    ImageType: type,
    CreatedTime: new Date(Date.UTC(2025, randomInt(0, 11), randomInt(1, 28))).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    ImageName: name,
    ImageDescription: `conformance ${tag}`,
    ImageSize: systemGib,
    Architecture: 'x86_64',
    ImageState: state,
    Platform: os.Platform,
    ImageCreator: String(randomInt(100000000, 999999999)),
    ImageSource: type === 'PUBLIC_IMAGE' ? 'OFFICIAL' : 'CREATE_IMAGE',
    SyncPercent: 100,
    IsSupportCloudinit: true,
    SnapshotSet: [
      { SnapshotId: randomId('snap'), DiskUsage: 'SYSTEM_DISK', DiskSize: systemGib },
      ...dataGib.map((size) => ({ SnapshotId: randomId('snap'), DiskUsage: 'DATA_DISK', DiskSize: size })),
    ],
    Tags: tags,
    LicenseType: 'TencentCloud',
    ImageFamily: '',
    ImageDeprecated: false,
  };
}

/**
 * A catalog no emulator has seen: random ids, names, platforms and sizes, with at least
 * `exportable` Linux images that may be exported, and one image for each rule that forbids it.
 */
function randomCatalog({ exportable = randomInt(3, 6), filler = 0, maxDiskGib = 40 } = {}) {
  const run = randomId('r').slice(2, 7);
  const images = [];
  for (let n = 0; n < exportable; n++) {
    // The first has data disks for certain, so every run sees a multi-disk export.
    const dataCount = n === 0 ? randomInt(1, 3) : randomInt(0, 3);
    images.push(image({
      os: pick(LINUX),
      systemGib: randomInt(1, maxDiskGib),
      dataGib: Array.from({ length: dataCount }, () => randomInt(1, maxDiskGib)),
      tag: `linux${n}-${run}`,
      // One weekly-tagged image for certain, so every run has a tag filter with a match.
      ...(n === 0 ? { tags: [{ Key: 'backup', Value: 'weekly' }] } : {}),
    }));
  }
  images.push(image({ os: WINDOWS, systemGib: randomInt(30, 80), tag: `win-${run}` }));
  images.push(image({ os: pick(LINUX), systemGib: randomInt(20, 50), dataGib: [randomInt(501, 4000)], tag: `big-${run}` }));
  images.push(image({ os: pick(LINUX), systemGib: randomInt(501, 1000), tag: `bigsys-${run}` }));
  images.push(image({
    os: pick(LINUX),
    systemGib: randomInt(1, 20),
    dataGib: Array.from({ length: randomInt(6, 9) }, () => randomInt(1, 10)),
    tag: `disks-${run}`,
  }));
  images.push(image({ os: pick(LINUX), type: 'PUBLIC_IMAGE', systemGib: 20, tag: `public-${run}` }));
  images.push(image({ os: pick(LINUX), type: 'SHARED_IMAGE', systemGib: randomInt(1, 20), tag: `shared-${run}` }));
  images.push(image({ os: pick(LINUX), state: 'CREATING', systemGib: randomInt(1, 20), tag: `creating-${run}` }));
  // Filler makes a catalog longer than a page: custom, shared and public images of any platform.
  for (let n = 0; n < filler; n++) {
    const type = pick(['PRIVATE_IMAGE', 'PRIVATE_IMAGE', 'SHARED_IMAGE', 'PUBLIC_IMAGE']);
    images.push(image({
      os: pick([...LINUX, WINDOWS]),
      type,
      systemGib: randomInt(1, maxDiskGib),
      dataGib: Array.from({ length: randomInt(0, 2) }, () => randomInt(1, maxDiskGib)),
      tag: `filler${n}-${run}`,
    }));
  }
  // Random order, so no test can lean on the order the file lists them in.
  for (let i = images.length - 1; i > 0; i--) {
    const j = crypto.randomInt(i + 1);
    [images[i], images[j]] = [images[j], images[i]];
  }
  return images;
}

module.exports = {
  classify,
  dataDisks,
  describeAll,
  isWindows,
  randomCatalog,
  randomId,
  systemDisk,
  MAX_DATA_DISKS,
  MAX_DISK_GIB,
};
