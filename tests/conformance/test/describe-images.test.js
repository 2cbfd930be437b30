'use strict';
// DescribeImages through tencentcloud-sdk-nodejs-cvm, against whatever catalog the emulator serves.

const assert = require('node:assert/strict');
const { after, before, describe, it } = require('node:test');
const { sharedEmulator, startEmulator } = require('../lib/emulator');
const { cvmClient, expectCvmError } = require('../lib/clients');
const { describeAll, randomCatalog, randomId } = require('../lib/catalog');
const codes = require('../lib/codes');

// Once on the emulator's own catalog, once on a random one longer than a page that it has never seen.
describeImagesSuite('DescribeImages', () => sharedEmulator());
describeImagesSuite('DescribeImages on an unseen catalog of more than a page', () =>
  startEmulator({ images: randomCatalog({ filler: 20 + Math.floor(Math.random() * 15) }) }));

function describeImagesSuite(title, start) {
  describe(title, () => {
    let emulator;
    let cvm;
    let all;

    before(async () => {
      emulator = await start();
      cvm = cvmClient(emulator.endpoints);
      all = await describeAll(cvm);
    });
    after(async () => emulator && emulator.stop());

    const ids = (images) => images.map((i) => i.ImageId).sort();

    it('pages through the whole catalog without repeating an image', () => {
      assert.ok(all.total > 0, 'the catalog is not empty');
      assert.equal(all.images.length, all.total);
      assert.equal(new Set(ids(all.images)).size, all.total);
      for (const image of all.images) {
        assert.match(image.ImageId, /^img-[a-z0-9]{8}$/);
        assert.ok(Array.isArray(image.SnapshotSet), `${image.ImageId} has a SnapshotSet`);
      }
    });

    it('returns twenty images when no Limit is given', async () => {
      const response = await cvm.DescribeImages({});
      assert.equal(response.TotalCount, all.total);
      assert.equal(response.ImageSet.length, Math.min(20, all.total));
    });

    it('returns the window Offset and Limit select, in a stable order', async () => {
      const first = await cvm.DescribeImages({ Offset: 0, Limit: 100 });
      const window = await cvm.DescribeImages({ Offset: 1, Limit: 2 });
      assert.equal(window.TotalCount, all.total, 'TotalCount counts every match, not the page');
      assert.deepEqual(window.ImageSet.map((i) => i.ImageId), first.ImageSet.slice(1, 3).map((i) => i.ImageId));
      const past = await cvm.DescribeImages({ Offset: all.total, Limit: 10 });
      assert.equal(past.ImageSet.length, 0);
      assert.equal(past.TotalCount, all.total);
    });

    it('accepts Limit 100 and rejects Limit 101', async () => {
      const hundred = await cvm.DescribeImages({ Limit: 100 });
      assert.equal(hundred.ImageSet.length, Math.min(100, all.total));
      const error = await expectCvmError(cvm.DescribeImages({ Limit: 101 }), codes.describeLimitOver100);
      assert.ok(error.message);
    });

    it('returns exactly the images ImageIds names, with all their fields', async () => {
      const wanted = all.images.slice(0, 2);
      const response = await cvm.DescribeImages({ ImageIds: wanted.map((i) => i.ImageId) });
      assert.equal(response.TotalCount, wanted.length);
      assert.deepEqual(ids(response.ImageSet), ids(wanted));
      for (const image of response.ImageSet) {
        assert.deepEqual(image, all.images.find((i) => i.ImageId === image.ImageId));
      }
    });

    it('returns nothing for a well-formed id it does not know', async () => {
      const response = await cvm.DescribeImages({ ImageIds: [randomId('img')] });
      assert.equal(response.TotalCount, 0);
      assert.deepEqual(response.ImageSet, []);
    });

    it('rejects a malformed image id', async () => {
      await expectCvmError(cvm.DescribeImages({ ImageIds: ['not-an-image-id'] }), 'InvalidImageId.Malformed');
    });

    it('rejects ImageIds and Filters together', async () => {
      await expectCvmError(
        cvm.DescribeImages({
          ImageIds: [all.images[0].ImageId],
          Filters: [{ Name: 'image-type', Values: ['PRIVATE_IMAGE'] }],
        }),
        'InvalidParameter.InvalidParameterCoexistImageIdsFilters',
      );
    });

    const hasTag = (image, key, value) =>
      (image.Tags || []).some((t) => t.Key === key && (value === undefined || t.Value === value));

    it('filters by tag:<key>, returning each image with its Tags as {Key, Value}', async () => {
      const target = all.images.find((i) => (i.Tags || []).length > 0);
      assert.ok(target, 'the catalog has a tagged image');
      const { Key, Value } = target.Tags[0];
      const response = await cvm.DescribeImages({ Filters: [{ Name: `tag:${Key}`, Values: [Value] }], Limit: 100 });
      assert.deepEqual(ids(response.ImageSet), ids(all.images.filter((i) => hasTag(i, Key, Value))));
      assert.ok(ids(response.ImageSet).includes(target.ImageId));
      for (const image of response.ImageSet) {
        assert.ok(image.Tags.every((t) => typeof t.Key === 'string' && typeof t.Value === 'string'), `${image.ImageId} Tags`);
      }
      const wrongCase = await cvm.DescribeImages({ Filters: [{ Name: `tag:${Key}`, Values: [Value.toUpperCase()] }], Limit: 100 });
      assert.deepEqual(ids(wrongCase.ImageSet), ids(all.images.filter((i) => hasTag(i, Key, Value.toUpperCase()))), 'values match exactly');
    });

    it('filters by tag-key and by tag-value', async () => {
      const target = all.images.find((i) => (i.Tags || []).length > 0);
      assert.ok(target, 'the catalog has a tagged image');
      const { Key, Value } = target.Tags[0];
      const byKey = await cvm.DescribeImages({ Filters: [{ Name: 'tag-key', Values: [Key] }], Limit: 100 });
      assert.deepEqual(ids(byKey.ImageSet), ids(all.images.filter((i) => hasTag(i, Key))));
      const byValue = await cvm.DescribeImages({ Filters: [{ Name: 'tag-value', Values: [Value] }], Limit: 100 });
      assert.deepEqual(ids(byValue.ImageSet), ids(all.images.filter((i) => (i.Tags || []).some((t) => t.Value === Value))));
    });

    it('filters by image-id', async () => {
      const wanted = all.images.slice(-2);
      const response = await cvm.DescribeImages({ Filters: [{ Name: 'image-id', Values: wanted.map((i) => i.ImageId) }] });
      assert.deepEqual(ids(response.ImageSet), ids(wanted));
    });

    for (const type of ['PRIVATE_IMAGE', 'PUBLIC_IMAGE']) {
      it(`filters by image-type ${type}`, async () => {
        const expected = all.images.filter((i) => i.ImageType === type);
        assert.ok(expected.length > 0, `the catalog has a ${type}`);
        const response = await cvm.DescribeImages({ Filters: [{ Name: 'image-type', Values: [type] }], Limit: 100 });
        assert.equal(response.TotalCount, expected.length);
        assert.deepEqual(ids(response.ImageSet), ids(expected));
      });
    }

    it('ORs the values of one filter', async () => {
      const response = await cvm.DescribeImages({
        Filters: [{ Name: 'image-type', Values: ['PRIVATE_IMAGE', 'PUBLIC_IMAGE'] }],
        Limit: 100,
      });
      const expected = all.images.filter((i) => ['PRIVATE_IMAGE', 'PUBLIC_IMAGE'].includes(i.ImageType));
      assert.deepEqual(ids(response.ImageSet), ids(expected));
    });

    it('matches image-name by part of the name', async () => {
      const target = all.images.find((i) => i.ImageName && i.ImageName.length >= 4);
      assert.ok(target, 'an image with a name');
      const part = target.ImageName.slice(1, -1);
      const response = await cvm.DescribeImages({ Filters: [{ Name: 'image-name', Values: [part] }], Limit: 100 });
      const found = ids(response.ImageSet);
      assert.ok(found.includes(target.ImageId), `${target.ImageName} matches "${part}"`);
      for (const image of all.images.filter((i) => i.ImageName.includes(part))) {
        assert.ok(found.includes(image.ImageId), `${image.ImageName} matches "${part}" too`);
      }
      for (const image of response.ImageSet) {
        assert.ok(image.ImageName.toLowerCase().includes(part.toLowerCase()), `${image.ImageName} contains "${part}"`);
      }
    });

    it('matches platform, and ANDs different filters', async () => {
      const target = all.images.find((i) => i.ImageType === 'PRIVATE_IMAGE' && i.Platform);
      assert.ok(target, 'a custom image with a platform');
      const platform = target.Platform;
      const byPlatform = await cvm.DescribeImages({ Filters: [{ Name: 'platform', Values: [platform] }], Limit: 100 });
      for (const image of all.images.filter((i) => i.Platform === platform)) {
        assert.ok(ids(byPlatform.ImageSet).includes(image.ImageId), `${image.ImageId} is on ${platform}`);
      }
      for (const image of byPlatform.ImageSet) {
        assert.ok(image.Platform.toLowerCase().includes(platform.toLowerCase()), `${image.Platform} is ${platform}`);
      }

      const both = await cvm.DescribeImages({
        Filters: [
          { Name: 'platform', Values: [platform] },
          { Name: 'image-type', Values: ['PRIVATE_IMAGE'] },
        ],
        Limit: 100,
      });
      assert.deepEqual(ids(both.ImageSet), ids(byPlatform.ImageSet.filter((i) => i.ImageType === 'PRIVATE_IMAGE')));
    });

    it('pages a filtered result with Offset and Limit', async () => {
      const filter = [{ Name: 'image-type', Values: ['PRIVATE_IMAGE'] }];
      const whole = await cvm.DescribeImages({ Filters: filter, Limit: 100 });
      const pages = [];
      for (let offset = 0; offset < whole.TotalCount; offset += 2) {
        const page = await cvm.DescribeImages({ Filters: filter, Offset: offset, Limit: 2 });
        assert.equal(page.TotalCount, whole.TotalCount);
        assert.ok(page.ImageSet.length <= 2);
        pages.push(...page.ImageSet.map((i) => i.ImageId));
      }
      assert.deepEqual(pages, whole.ImageSet.map((i) => i.ImageId));
    });

    it('rejects a filter name it does not know', async () => {
      await expectCvmError(cvm.DescribeImages({ Filters: [{ Name: 'image-colour', Values: ['blue'] }] }), 'InvalidFilter');
    });
  });
}
