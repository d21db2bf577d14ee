import { idCheckChar } from '../roster/deputy.rules.ts';
import type { Rng } from './demo.random.ts';

/*
 * Invented people for the demo county: common surnames and given-name characters combined at
 * random, so the roster reads like a real one without naming anyone real.
 */

// Roughly how common each surname is (with the heavier share of 罗, 谭, 曾, 彭 seen in central China).
const SURNAMES: readonly (readonly [string, number])[] = [
  ['王', 70],
  ['李', 70],
  ['张', 62],
  ['刘', 52],
  ['陈', 46],
  ['杨', 30],
  ['黄', 24],
  ['赵', 20],
  ['吴', 20],
  ['周', 20],
  ['徐', 15],
  ['孙', 13],
  ['马', 11],
  ['朱', 11],
  ['胡', 12],
  ['郭', 10],
  ['何', 11],
  ['高', 10],
  ['林', 10],
  ['罗', 14],
  ['郑', 8],
  ['梁', 8],
  ['谢', 9],
  ['宋', 7],
  ['唐', 10],
  ['许', 6],
  ['韩', 6],
  ['冯', 6],
  ['邓', 9],
  ['曹', 6],
  ['彭', 9],
  ['曾', 9],
  ['肖', 8],
  ['田', 5],
  ['董', 5],
  ['袁', 5],
  ['潘', 5],
  ['蒋', 6],
  ['蔡', 5],
  ['余', 5],
  ['杜', 4],
  ['叶', 4],
  ['程', 4],
  ['苏', 4],
  ['魏', 4],
  ['吕', 4],
  ['丁', 4],
  ['任', 4],
  ['姚', 4],
  ['卢', 4],
  ['钟', 4],
  ['谭', 7],
  ['廖', 5],
  ['贺', 4],
  ['龙', 4],
  ['向', 4],
  ['易', 4],
  ['石', 3],
  ['阳', 3],
  ['文', 3],
];

const MALE_FIRST = '建国志文德永立春海明宏庆家新双正卫继光振国子学汉长金世晓浩俊';
const MALE_SECOND = '华军伟强平林波涛勇斌杰峰辉刚磊鹏东亮龙胜祥福良山松兵成荣清安民生田武';
const FEMALE_FIRST = '丽秀美春晓玉淑桂雪艳红金小海静翠凤爱';
const FEMALE_SECOND = '芳敏静燕霞娟英琴慧兰玲萍梅艳婷洁丹莉云华珍容琼娥';

/** An area code that belongs to no real county (43 = the province, 99 = no real prefecture). */
export const DEMO_AREA_CODE = '439901';

export type Person = { name: string; gender: 'male' | 'female'; birthDate: string; idNumber: string; phone: string };

/** Hands out people with names, ID numbers and phone numbers that are unique across the county. */
export class PeopleFactory {
  private readonly names = new Set<string>();
  private readonly ids = new Set<string>();
  private readonly phones = new Set<string>();

  constructor(private readonly rng: Rng) {}

  name(gender: 'male' | 'female'): string {
    const r = this.rng;
    for (;;) {
      const surname = r.weighted(SURNAMES);
      const [first, second] = gender === 'male' ? [MALE_FIRST, MALE_SECOND] : [FEMALE_FIRST, FEMALE_SECOND];
      const given = r.chance(0.3) ? r.pick([...second]) : r.pick([...first]) + r.pick([...second]);
      const name = surname + given;
      if (!this.names.has(name) && given[0] !== given[1]) {
        this.names.add(name);
        return name;
      }
    }
  }

  phone(): string {
    for (;;) {
      const p = `138${String(this.rng.int(0, 99_999_999)).padStart(8, '0')}`;
      if (!this.phones.has(p)) {
        this.phones.add(p);
        return p;
      }
    }
  }

  /** A person born in [fromYear, toYear]; the ID number encodes the birth date and the gender. */
  person(gender: 'male' | 'female', fromYear: number, toYear: number): Person {
    const r = this.rng;
    const birthDate = `${r.int(fromYear, toYear)}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
    let idNumber = '';
    do {
      // Digits 15–16 are the registration order, 17 is odd for men and even for women.
      const order = String(r.int(1, 99)).padStart(2, '0');
      const sex = gender === 'male' ? r.pick([1, 3, 5, 7, 9]) : r.pick([0, 2, 4, 6, 8]);
      const first17 = `${DEMO_AREA_CODE}${birthDate.replaceAll('-', '')}${order}${sex}`;
      idNumber = first17 + idCheckChar(first17);
    } while (this.ids.has(idNumber));
    this.ids.add(idNumber);
    return { name: this.name(gender), gender, birthDate, idNumber, phone: this.phone() };
  }
}
