import { splitNamePrefix } from '../../../domain/payroll/name-prefix';

describe('splitNamePrefix', () => {
  it.each([
    ['van der Berg', 'van der', 'Berg'],
    ['van den Bossche', 'van den', 'Bossche'],
    ['Van den Bossche', 'Van den', 'Bossche'],
    ['van de Velde', 'van de', 'Velde'],
    ['van Dijk', 'van', 'Dijk'],
    ['Van Dijk', 'Van', 'Dijk'],
    ['de Vries', 'de', 'Vries'],
    ['De Smet', 'De', 'Smet'],
    ["van 't Hof", "van 't", 'Hof'],
    ["'t Hart", "'t", 'Hart'],
    ['in het Veld', 'in het', 'Veld'],
    ['op den Camp', 'op den', 'Camp'],
    ['ter Horst', 'ter', 'Horst'],
    ['van de la Cruz', 'van de la', 'Cruz'],
    ['de la Cruz', 'de la', 'Cruz'],
    ['du Pont', 'du', 'Pont'],
    ['von Trapp', 'von', 'Trapp'],
    ['van der Berg-Jansen', 'van der', 'Berg-Jansen'],
    ['van der Heijden van Dam', 'van der', 'Heijden van Dam'],
  ])('%p → prefix %p, last name %p', (full, prefix, lastName) => {
    expect(splitNamePrefix(full)).toEqual({ prefix, lastName });
  });

  it('prefers the longest prefix', () => {
    expect(splitNamePrefix('van der Berg').prefix).toBe('van der');
    expect(splitNamePrefix('van den Berg').prefix).toBe('van den');
    expect(splitNamePrefix('de la Rosa').prefix).toBe('de la');
  });

  it('keeps the original capitals of prefix and name', () => {
    expect(splitNamePrefix('VAN DER BERG')).toEqual({ prefix: 'VAN DER', lastName: 'BERG' });
  });

  it.each(['Berg', 'Vandenberg', 'Devries', 'Dekker', 'Çelik', 'Lemaître', 'Terhorst', 'Vanderbilt', 'van', 'de', 'van der', 'Van Den', 'van de la', "van 't", 'de la', 'in het', "'t", ''])(
    'leaves %p whole', (full) => {
      expect(splitNamePrefix(full)).toEqual({ prefix: null, lastName: full });
    });

  it('leaves a prefix followed only by spaces whole', () => {
    expect(splitNamePrefix('van   ')).toEqual({ prefix: null, lastName: 'van   ' });
  });
});
