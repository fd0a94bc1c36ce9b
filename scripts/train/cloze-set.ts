/**
 * A cloze set of our own: everyday sentences a person might type, one word (English) or one
 * character (Chinese) in braces is the blank. Written for this project (session 5), not taken from
 * the corpus; `eval.ts` says for each line whether it also occurs in the training text (the famous
 * poem lines do: for those the model recalls rather than reads).
 * Every answer is one token of the shipped vocabulary (checked by test/model/cloze-set.test.ts).
 */
export const CLOZE_EN: readonly string[] = [
  'The capital of the United States is {washington}.',
  'The sun rises in the {east} and sets in the west.',
  'A week has seven {days}.',
  'Birds can {fly} high in the sky.',
  'In the beginning God created the heaven and the {earth}.',
  'And God said, Let there be {light}: and there was light.',
  'Ice is cold and fire is {hot}.',
  'He opened the door and walked into the {room}.',
  'Please close the {door} when you leave.',
  'My mother and my {father} live in a small town.',
  'The children played in the {house} after school.',
  'We use our eyes to {see} and our ears to hear.',
  'Snow is cold and {white}.',
  'The dog barked at the {cat}.',
  'I go to {bed} at ten every night.',
  'One, two, three, four, {five}.',
  'He read the {book} from the first page to the last.',
  'A doctor helps people who are {sick}.',
  'The ship sailed across the {sea}.',
  'Fish live in the {water}.',
  'The president gave a long {speech} to the congress.',
  'She wrote a {letter} to her friend.',
  'Thank you very {much}.',
  'Good {morning}, everyone.',
  'The moon shines at {night}.',
  'He was born in the {year} 1990.',
  'The king sat on his {horse} and rode away.',
  'The farmer planted seeds in the {field}.',
  'We need food and {water} to live.',
  'The train arrived on {time}.',
  'Honour thy father and thy {mother}.',
  'The price of oil went {up} again this year.',
  'I like to eat {bread} for breakfast.',
  'The baby drank warm {milk}.',
  'The boy went to {school} every day.',
  'Gold and {silver} are precious metals.',
  'He listens to {music} every evening.',
  'Turn left at the end of the {road}.',
  'The United {states} of America.',
  'The old man walked slowly with his {son}.',
];

export const CLOZE_ZH: readonly string[] = [
  '今天天气很{好}。',
  '床前明月{光}，疑是地上霜。',
  '举头望明月，低头思故{乡}。',
  '春眠不觉{晓}，处处闻啼鸟。',
  '白日依山尽，黄河入{海}流。',
  '欲穷千里目，更上一层{楼}。',
  '海内存知己，天涯若比{邻}。',
  '学而时习之，不亦说{乎}？',
  '一年有十二个{月}。',
  '我是中国{人}。',
  '请问你叫什么名{字}？',
  '谢谢你的帮{助}。',
  '这本书很有意{思}。',
  '他在电脑上安装了新的软{件}。',
  '我们明天一起去{学}校。',
  '他每天早上喝一杯{茶}。',
  '一二三四{五}六七。',
  '山重水复疑无路，柳暗花明又一{村}。',
  '少壮不努力，老大徒伤{悲}。',
  '你好，很高兴认识{你}。',
];

/** Splits a cloze line into the text before the blank, the answer, and the text after. */
export function parseCloze(line: string): { before: string; answer: string; after: string } {
  const m = /^(.*)\{([^}]+)\}(.*)$/u.exec(line);
  if (!m) throw new Error(`cloze line without {answer}: ${line}`);
  return { before: m[1], answer: m[2], after: m[3] };
}

/**
 * Copy sentences of our own: the braced word stands earlier in the same text, and nothing but the
 * context says which word it is (a name, a colour, an object), so a model that reads its context
 * puts it first.
 */
export const COPY_WRITTEN: readonly string[] = [
  'My friend John came late. Everyone waited for {john}.',
  'The box was red. I opened the {red} box.',
  'He planted a tree. Years later the {tree} was tall.',
  'Tom bought a ship. Every summer Tom sailed the {ship}.',
  'They went down into Egypt. The king of {egypt} was afraid.',
  'We saw a horse in the field. The {horse} was running.',
  'She put the keys on the table. Later she found the keys on the {table}.',
  'The word of the day is river. Say it again: {river}.',
  'And God said, Let there be light: and there was {light}.',
  'The cup was made of gold. He drank wine from the {gold} cup.',
  '小明喜欢猫。他每天都喂{猫}。',
  '我家有一条狗，这条{狗}很聪明。',
  '他买了一本书，那本{书}很贵。',
  '春天来了，花开了，{春}天真美。',
  '长江很长，{长}江流入大海。',
];
