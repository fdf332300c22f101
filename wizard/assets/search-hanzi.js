// Traditional Chinese characters a reader may type (a Taiwanese or Hong Kong input method, text pasted from a
// site in traditional characters), each with the simplified one the Chinese edition is written and indexed in.
// Pagefind matches characters as they are: 投訴 finds nothing where every page says 投诉. One character for one,
// the characters of everyday questions about complaints, shops, platforms and penalties whose two forms differ;
// a character with two readings whose simplified form depends on the word (乾, 著, 覆) is left out. Position i of
// TRADITIONAL is written as position i of SIMPLIFIED.

const TRADITIONAL = [
  "訴麼貓處寫內銷還買賣讓請問題電話號罰擾騷權標證據間時後這們個來會對說為嗎應該產務單額錢給當與實際關係繫記錄幾點數條規則費",
  "場監長門開發貨價質專業協議調決員聯絡網頁視線達過進選擇讀訊語詞認識評論詢訂紀約經營導歸屬誤錯復複難壞換辦損傷舉報刪體戶帳",
  "賬驗檢測積極違範圍態總結種類劃準備碼鋪廠級獲勝敗負責賠償補濟擔憑書簽續斷隨機構臺灣裡裏車輛寶節慶團購搶惡騙詐盜圖偽擊脅嚇",
  "罵煩頻簡頭東區縣廣願愛見親覺學習師醫藥療險銀鐵優運郵遞殘聽屆歲週兩萬億於從並隻誰沒絕維護糾紛爭執審訟顧櫃檯廳飯館遊戲樂藝",
  "術預稅漲虧賺資傳張貼誌凍閉駁無檻陳懲氣辭職樣嚴謝麗幫隊義雙邊熱撥訪試詳細釋講確筆轉齊鬧罷棄廢",
].join("");
const SIMPLIFIED = [
  "诉么猫处写内销还买卖让请问题电话号罚扰骚权标证据间时后这们个来会对说为吗应该产务单额钱给当与实际关系系记录几点数条规则费",
  "场监长门开发货价质专业协议调决员联络网页视线达过进选择读讯语词认识评论询订纪约经营导归属误错复复难坏换办损伤举报删体户账",
  "账验检测积极违范围态总结种类划准备码铺厂级获胜败负责赔偿补济担凭书签续断随机构台湾里里车辆宝节庆团购抢恶骗诈盗图伪击胁吓",
  "骂烦频简头东区县广愿爱见亲觉学习师医药疗险银铁优运邮递残听届岁周两万亿于从并只谁没绝维护纠纷争执审讼顾柜台厅饭馆游戏乐艺",
  "术预税涨亏赚资传张贴志冻闭驳无槛陈惩气辞职样严谢丽帮队义双边热拨访试详细释讲确笔转齐闹罢弃废",
].join("");

/** @type {Map<string, string>} */
const SIMPLIFIED_OF = new Map(Array.from(TRADITIONAL, (character, index) => [character, SIMPLIFIED[index]]));

/**
 * The text with each traditional character of the table written in its simplified form; every other character
 * as it was.
 * @param {string} text
 * @returns {string}
 */
export function simplified(text) {
  return Array.from(text, (character) => SIMPLIFIED_OF.get(character) ?? character).join("");
}
